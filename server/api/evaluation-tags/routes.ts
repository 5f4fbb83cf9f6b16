// The preset rating content (art. 8) in force, and its editing by process owners:
//   GET  /api/evaluation-tags?level=…       the tags offered for a level, or every tag in force
//   PUT  /api/evaluation-tags/:code         save a new version of a tag (label, dimension, polarity, active)
//   POST /api/evaluation-tags               add a tag { code, label, dimension, polarity }
//   GET  /api/evaluation-tags/:code/history every saved version, with who and when
// Read by rating devices and pages (the QR rating page embeds the table in force); edited by process owners
// and admins, every change a new version (infra/stores/preset-tag-store.ts).
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { zodDetails } from '../../errors.ts';
import { isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { DIMENSION_LABELS, EVALUATION_DIMENSIONS } from '../../../domain/evaluation/dimensions.ts';
import { checkTagLabel, tagsForLevel, type PresetTag } from '../../../domain/evaluation/tags.ts';
import {
  isKnownTag,
  presetTagsInForce,
  saveTagVersion,
  tagHistory,
} from '../../../infra/stores/preset-tag-store.ts';
import { currentUser, requireRole } from '../../auth/middleware.ts';
import type { Db } from '../../../infra/db.ts';

function present(tag: PresetTag) {
  return {
    code: tag.code,
    label: tag.label,
    dimension: tag.dimension,
    dimensionLabel: DIMENSION_LABELS[tag.dimension],
    polarity: tag.polarity,
  };
}

const tagFields = {
  label: z.string().trim().min(1).max(32),
  dimension: z.enum(EVALUATION_DIMENSIONS),
  polarity: z.enum(['good', 'bad']),
};
const versionBody = z.strictObject({ ...tagFields, active: z.boolean() });
const newTagBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z]+\.[a-z0-9-]{1,48}$/, '编码格式：维度.英文短语，如 attitude.patient'),
  ...tagFields,
});

/**
 * The body, refused as a whole before anything is saved: evaluation_tag.invalid for its fields, and
 * evaluation_tag.label_has_separator for a label a paper form or 综合点评 sheet could not name (checkTagLabel).
 */
function parsed<T extends { label: string }>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw new DomainError('evaluation_tag.invalid', { fields: zodDetails(result.error) });
  }
  checkTagLabel(result.data.label);
  return result.data;
}

export function evaluationTagRoutes({ db, clock }: { db: Db; clock: () => Date }): Router {
  const router = Router();
  const editors = requireRole('process-owner', 'admin');

  router.get('/evaluation-tags', async (request, response) => {
    const level = request.query.level;
    const table = await presetTagsInForce(db);
    if (level === undefined) {
      response.json({ level: null, tags: table.map(present) });
      return;
    }
    if (!isEvaluationLevel(level)) throw new DomainError('evaluation.unknown_level', { level });
    response.json({ level, tags: tagsForLevel(level, table).map(present) });
  });

  router.put('/evaluation-tags/:code', editors, async (request, response) => {
    const code = String(request.params.code);
    const version = parsed(versionBody, request.body);
    if (!(await isKnownTag(db, code))) throw new DomainError('evaluation_tag.not_found', { code });
    await saveTagVersion(db, { code, ...version }, { by: currentUser(response).id, at: clock() });
    response.json({ code, ...version });
  });

  router.post('/evaluation-tags', editors, async (request, response) => {
    const tag = parsed(newTagBody, request.body);
    await saveTagVersion(
      db,
      { ...tag, active: true },
      { by: currentUser(response).id, at: clock(), adding: true },
    );
    response.status(201).json(present(tag));
  });

  router.get('/evaluation-tags/:code/history', editors, async (request, response) => {
    const code = String(request.params.code);
    if (!(await isKnownTag(db, code))) throw new DomainError('evaluation_tag.not_found', { code });
    response.json({ code, versions: await tagHistory(db, code) });
  });

  return router;
}
