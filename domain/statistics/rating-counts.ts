// A period's ratings as the statistics store counts them (infra/stores/statistics-store.ts ratingCounts): by
// unit, kind, channel and level; and what the figures add up from them — the levels of all, and each unit's
// for the ranking.
import { emptyLevelCounts, type LevelCounts, type UnitCounts } from './indicators.ts';
import type { EvaluationLevel } from '../evaluation/levels.ts';

export interface RatingCountRow {
  unit: string | null;
  unitName: string | null;
  /**
   * A theme's overall rating applies to every item of the theme (art. 9): the other units handling its 办件
   * answer to it too, in the ranking. Counted once in every total.
   */
  themeUnits: { id: string; name: string }[];
  kind: string;
  channel: string;
  level: EvaluationLevel;
  count: number;
}

/**
 * The counts of each unit, for the ranking: a theme's overall rating counts for every unit handling one of the
 * theme's 办件 (art. 9); ratings with no unit known are left out of it.
 */
export function unitCounts(rows: readonly RatingCountRow[]): UnitCounts[] {
  const byUnit = new Map<string, UnitCounts>();
  const add = (id: string, name: string, row: RatingCountRow) => {
    let unit = byUnit.get(id);
    if (!unit) {
      unit = { departmentId: id, departmentName: name, levels: emptyLevelCounts() };
      byUnit.set(id, unit);
    }
    unit.levels[row.level] += row.count;
  };
  for (const row of rows) {
    if (row.unit !== null) add(row.unit, row.unitName ?? row.unit, row);
    for (const other of row.themeUnits) add(other.id, other.name, row);
  }
  return [...byUnit.values()];
}

export function levelCounts(rows: readonly RatingCountRow[]): LevelCounts {
  const levels = emptyLevelCounts();
  for (const row of rows) levels[row.level] += row.count;
  return levels;
}
