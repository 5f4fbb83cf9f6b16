// The four contents of a rating (art. 7): the same four in every channel and region. A rater may rate
// each of them on the five levels besides the overall level; each is optional.
import type { EvaluationLevel } from './levels.ts';

export const EVALUATION_DIMENSIONS = ['attitude', 'quality', 'efficiency', 'environment'] as const;

export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<EvaluationDimension, string> = {
  attitude: '服务态度',
  quality: '服务质量',
  efficiency: '服务效率',
  environment: '服务环境',
};

/** The dimensions a rater rated; the ones left out were not rated (never defaulted, art. 11). */
export type DimensionRatings = Partial<Record<EvaluationDimension, EvaluationLevel>>;

/**
 * The four levels in EVALUATION_DIMENSIONS order, null where not rated: the ledger row's four columns, and the
 * twelfth element of its canonical row (./ledger.ts).
 */
export function dimensionLevels(ratings: DimensionRatings | null): readonly (EvaluationLevel | null)[] {
  // Most ratings rated none: one shared answer for them (an import asks for every row).
  return ratings ? EVALUATION_DIMENSIONS.map((dimension) => ratings[dimension] ?? null) : NOT_RATED;
}

const NOT_RATED: readonly null[] = Object.freeze([null, null, null, null]);

/** null when no dimension was rated, so nothing is stored for it. */
export function ratedDimensions(ratings: DimensionRatings | undefined): DimensionRatings | null {
  if (!ratings) return null;
  const rated: DimensionRatings = {};
  for (const dimension of EVALUATION_DIMENSIONS) {
    const level = ratings[dimension];
    if (level) rated[dimension] = level;
  }
  return Object.keys(rated).length > 0 ? rated : null;
}
