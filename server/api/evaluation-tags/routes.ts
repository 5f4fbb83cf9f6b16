// GET /api/evaluation-tags?level=…: the preset rating content (domain/evaluation/tags.ts) offered for a
// level, or every tag without a level. Read by rating devices and pages; the QR rating page embeds it.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { DIMENSION_LABELS } from '../../../domain/evaluation/dimensions.ts';
import { PRESET_TAGS, tagsForLevel, type PresetTag } from '../../../domain/evaluation/tags.ts';

function present(tag: PresetTag) {
  return {
    code: tag.code,
    label: tag.label,
    dimension: tag.dimension,
    dimensionLabel: DIMENSION_LABELS[tag.dimension],
    polarity: tag.polarity,
  };
}

export function evaluationTagRoutes(): Router {
  const router = Router();
  router.get('/evaluation-tags', (request, response) => {
    const level = request.query.level;
    if (level === undefined) {
      response.json({ level: null, tags: PRESET_TAGS.map(present) });
      return;
    }
    if (!isEvaluationLevel(level)) throw new DomainError('evaluation.unknown_level', { level });
    response.json({ level, tags: tagsForLevel(level).map(present) });
  });
  return router;
}
