// Reading a request's body and path the same way in every route that needs it.
import { z } from 'zod';
import { DomainError, type DomainErrorId } from '../domain/errors.ts';

/**
 * The body as `schema` reads it. When only `field` is wrong (missing, blank, too long), the refusal is the
 * route's own `refusal` — a clearer answer than request.invalid; anything else wrong stays request.invalid.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, field: string, refusal: DomainErrorId): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  if (parsed.error.issues.every((issue) => issue.path[0] === field)) throw new DomainError(refusal);
  throw parsed.error;
}

/** A rating's id from the path: anything that is no UUID names no rating (404, as a rating not found). */
export function ratingIdParam(value: unknown): string {
  const id = z.uuid().safeParse(value);
  if (!id.success) throw new DomainError('evaluation.not_found', { id: value });
  return id.data;
}
