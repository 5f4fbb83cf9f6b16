// Request shapes of the modeler's API (issue 7).
import { z } from 'zod';

export const modelKind = z.enum(['bpmn', 'dmn']);
const xml = z.string().max(2_000_000);
const revision = z.number().int().positive();

export const modelParams = z.object({ kind: modelKind, key: z.string().min(1).max(128) });
export const sourceQuery = z.object({
  from: z.enum(['deployed', 'file']).optional(),
  version: z.coerce.number().int().positive().optional(),
});
export const draftListQuery = z.object({ kind: modelKind.optional(), key: z.string().max(128).optional() });
export const lintBody = z.object({ kind: modelKind, xml });
export const diffBody = z.object({ xml });
export const newDraftBody = z.object({
  kind: modelKind,
  xml,
  basedOnVersion: z.number().int().positive().nullable().optional(),
});
export const saveDraftBody = z.object({ xml, revision });
export const deployDraftBody = z.object({ revision });
export const rollbackBody = z.object({ version: z.number().int().positive() });
