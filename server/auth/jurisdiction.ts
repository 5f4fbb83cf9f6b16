// A supervisor's jurisdiction (issue 6): the departments of their regions and of those regions' districts —
// whose cases they watch (待办 lists every task of those cases: casesWatchedBy in
// infra/stores/jurisdiction-store.ts), whose fraud flags and notifications they read. A city supervisor sees
// the city's departments and every district's; a district supervisor, that district's only.
import { coversEveryDepartment, departmentsInRegions } from '../../infra/stores/jurisdiction-store.ts';
import type { Db } from '../../infra/db.ts';
import type { SessionUser } from './session-user.ts';

export function jurisdictionDepartmentIds(db: Db, user: SessionUser): Promise<string[]> {
  return departmentsInRegions(
    db,
    user.departments.map((department) => department.regionCode),
  );
}

/**
 * The departments a user's view is limited to, or undefined when nothing limits it: an admin, or a supervisor
 * whose jurisdiction covers every department (the city's). A district supervisor: their district's.
 */
export async function limitingJurisdiction(db: Db, user: SessionUser): Promise<string[] | undefined> {
  if (user.role === 'admin') return undefined;
  const departments = await jurisdictionDepartmentIds(db, user);
  return (await coversEveryDepartment(db, departments)) ? undefined : departments;
}
