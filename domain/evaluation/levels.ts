// The five levels of art. 8, by one internal meaning. Codes of national or provincial interfaces are
// mapped explicitly where data enters or leaves, never stored in their place.
export const EVALUATION_LEVELS = [
  'very-satisfied',
  'satisfied',
  'basically-satisfied',
  'dissatisfied',
  'very-dissatisfied',
] as const;

export type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];

export const LEVEL_LABELS: Record<EvaluationLevel, string> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
  'very-dissatisfied': '非常不满意',
};

/** 差评: 不满意 and 非常不满意 (art. 8). */
export function isBadReview(level: EvaluationLevel): boolean {
  return level === 'dissatisfied' || level === 'very-dissatisfied';
}

export function isEvaluationLevel(value: unknown): value is EvaluationLevel {
  return typeof value === 'string' && (EVALUATION_LEVELS as readonly string[]).includes(value);
}
