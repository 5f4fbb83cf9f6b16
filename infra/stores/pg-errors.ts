// Recognising PostgreSQL's answers that mean "the input was wrong", not "the system broke".
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgCode(error) === '23505' && (!constraint || pgConstraint(error) === constraint);
}

/**
 * Classes 22 (data exception) and 23 (integrity constraint violation): the statement's own values were
 * refused. Such an error belongs to the row written, not to the connection or the server.
 */
export function isRowRefused(error: unknown): boolean {
  const code = pgCode(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

export function isCheckViolation(error: unknown, constraint?: string): boolean {
  return pgCode(error) === '23514' && (!constraint || pgConstraint(error) === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgCode(error) === '23503';
}

export function pgConstraint(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'constraint' in error
    ? String(error.constraint)
    : undefined;
}

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
