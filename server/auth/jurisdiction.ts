// A supervisor's jurisdiction (issue 6): the departments of their regions and of those regions' districts —
// whose tasks they watch (待办), whose fraud flags and notifications they read. A city supervisor sees the
// city's departments and every district's; a district supervisor, that district's only.
import type { Db } from '../../infra/db.ts';
import type { SessionUser } from './session-user.ts';

export async function jurisdictionDepartmentIds(db: Db, user: SessionUser): Promise<string[]> {
  const regions = [...new Set(user.departments.map((department) => department.regionCode))];
  const rows = await db('departments as d')
    .join('regions as r', 'r.code', 'd.region_code')
    .whereIn('d.region_code', regions)
    .orWhereIn('r.parent_code', regions)
    .select('d.id');
  return rows.map((row) => row.id as string);
}
