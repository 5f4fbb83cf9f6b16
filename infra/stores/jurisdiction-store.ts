// A supervisor's jurisdiction (issue 6) as departments: those of the given regions and of those regions'
// districts. The server asks it for the signed-in user (server/auth/jurisdiction.ts); the fraud notices for
// each supervisor they may write to (infra/fraud/flag-notices.ts).
import type { Knex } from 'knex';

export async function departmentsInRegions(
  db: Knex | Knex.Transaction,
  regionCodes: readonly string[],
): Promise<string[]> {
  const regions = [...new Set(regionCodes)];
  const rows = await db('departments as d')
    .join('regions as r', 'r.code', 'd.region_code')
    .whereIn('d.region_code', regions)
    .orWhereIn('r.parent_code', regions)
    .select<{ id: string }[]>('d.id');
  return rows.map((row) => row.id);
}
