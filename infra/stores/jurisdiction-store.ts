// A supervisor's jurisdiction (issue 6) as departments: those of the given regions and of those regions'
// districts. The server asks it for the signed-in user (server/auth/jurisdiction.ts). The same rule read from
// the other side — which regions' supervisors hold a department — serves the fraud notices
// (infra/fraud/flag-notices.ts), which start from the units just flagged.
import type { Executor } from '../db.ts';

export async function departmentsInRegions(db: Executor, regionCodes: readonly string[]): Promise<string[]> {
  const regions = [...new Set(regionCodes)];
  const rows = await db('departments as d')
    .join('regions as r', 'r.code', 'd.region_code')
    .whereIn('d.region_code', regions)
    .orWhereIn('r.parent_code', regions)
    .select<{ id: string }[]>('d.id');
  return rows.map((row) => row.id);
}

/** The regions whose jurisdiction holds each department: its own region and that region's parent. */
export async function regionsOverDepartments(
  db: Executor,
  departmentIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await db('departments as d')
    .join('regions as r', 'r.code', 'd.region_code')
    .whereIn('d.id', [...new Set(departmentIds)])
    .select<{ id: string; region: string; parent: string | null }[]>(
      'd.id',
      'd.region_code as region',
      'r.parent_code as parent',
    );
  return new Map(rows.map((row) => [row.id, row.parent ? [row.region, row.parent] : [row.region]]));
}
