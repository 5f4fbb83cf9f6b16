// A supervisor's jurisdiction (issue 6) as departments: those of the given regions and of those regions'
// districts. The server asks it for the signed-in user (server/auth/jurisdiction.ts). The same rule read from
// the other side — which regions' supervisors hold a department — serves the fraud notices
// (infra/fraud/flag-notices.ts), which start from the units just flagged, and the 超期督办 e-mails
// (workers/support/stage-owners.ts), which start from a case's units.
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

/**
 * The cases a jurisdiction's departments watch, as a sub-select of their ids: those whose rated unit (the 办件's
 * handling unit, a 综合点评's institution or item department, the builder of a platform rated) or
 * responsible unit is one of them, whoever holds
 * their task now (the 12345 hotline's return visit, a city builder's platform case).
 * server/auth/case-access.ts (canSeeCase) says the same of one case.
 */
export function casesWatchedBy(db: Executor, departmentIds: readonly string[]) {
  return db('cases as c')
    .join('case_ratings as cr', 'cr.case_id', 'c.id')
    .leftJoin('platforms as p', 'p.id', 'cr.platform_id')
    .where((unit) => {
      unit
        .whereIn('cr.unit_department_id', departmentIds)
        .orWhereIn('c.responsible_department_id', departmentIds)
        // A rating of a platform: its builder answers for it (art. 17).
        .orWhere((builder) => {
          builder.where('cr.target', 'platform').whereIn('p.builder_department_id', departmentIds);
        });
    })
    .select('c.id');
}

/** Whether the departments are every department there is (a city supervisor's jurisdiction). */
export async function coversEveryDepartment(
  db: Executor,
  departmentIds: readonly string[],
): Promise<boolean> {
  const outside = await db('departments').whereNotIn('id', departmentIds).first('id');
  return outside === undefined;
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

export interface Supervisor {
  id: string;
  name: string;
  email: string;
  /** The regions of their departments: their jurisdiction holds these and their districts' departments. */
  regions: string[];
}

/** Every supervisor with an e-mail address, with their regions. */
export async function supervisorsWithEmail(db: Executor): Promise<Supervisor[]> {
  const rows = await db('users as u')
    .join('user_departments as ud', 'ud.user_id', 'u.id')
    .join('departments as d', 'd.id', 'ud.department_id')
    .where('u.role', 'supervisor')
    // An address left blank is no address: such a supervisor sees the screens only.
    .whereRaw("trim(coalesce(u.email, '')) <> ''")
    .orderBy('u.id')
    .select<{ id: string; name: string; email: string; region: string }[]>(
      'u.id',
      'u.name',
      'u.email',
      'd.region_code as region',
    );
  const byId = new Map<string, Supervisor>();
  for (const row of rows) {
    const supervisor = byId.get(row.id) ?? { id: row.id, name: row.name, email: row.email, regions: [] };
    supervisor.regions.push(row.region);
    byId.set(row.id, supervisor);
  }
  return [...byId.values()];
}

/** The supervisors (with an e-mail address) whose jurisdiction holds any of `departmentIds`. */
export async function supervisorsOverDepartments(
  db: Executor,
  departmentIds: readonly string[],
): Promise<Supervisor[]> {
  const covering = new Set([...(await regionsOverDepartments(db, departmentIds)).values()].flat());
  if (covering.size === 0) return [];
  return (await supervisorsWithEmail(db)).filter((supervisor) =>
    supervisor.regions.some((region) => covering.has(region)),
  );
}
