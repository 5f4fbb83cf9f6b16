// Who may see a case (issue 6): the unit responsible for it or asked about it, the approval department of its
// jurisdiction, 12345 operators and supervisors of its region (and the region's districts), admins. Anyone
// else gets 404 case.not_found, the answer for a case that does not exist: a guessed id reveals nothing.
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import type { EngineClient } from '../../infra/engine-rest.ts';
import type { SessionUser } from './session-user.ts';

const caseIdParam = z.object({ id: z.uuid() });

const REGION_ROLES = new Set(['hotline-operator', 'supervisor']);

interface CaseScope {
  departmentIds: string[]; // responsible and handling units, and a rated platform's builder
  approvalDepartmentIds: string[];
  regionCodes: string[]; // their regions and those regions' parents
}

async function caseScope(db: Db, caseId: string): Promise<CaseScope | undefined> {
  // The units that answer for the rating — the 办件's handling unit, or for a 综合点评 the institution's or
  // item's department; and for a rating of a platform its builder (art. 17) — known before the case is routed,
  // so their regions' supervisors see it without asking the engine; and the responsible unit.
  const row = await db('cases as c')
    .join('case_ratings as cr', 'cr.case_id', 'c.id')
    .leftJoin('platforms as p', (join) => {
      join.on('p.id', '=', 'cr.platform_id').andOn('cr.target', '=', db.raw("'platform'"));
    })
    .leftJoin('departments as h', 'h.id', 'cr.unit_department_id')
    .leftJoin('departments as b', 'b.id', 'p.builder_department_id')
    .leftJoin('departments as d', 'd.id', 'c.responsible_department_id')
    .leftJoin('regions as hr', 'hr.code', 'h.region_code')
    .leftJoin('regions as br', 'br.code', 'b.region_code')
    .leftJoin('regions as dr', 'dr.code', 'd.region_code')
    .where('cr.case_id', caseId)
    .first(
      'h.id as handling_id',
      'h.approval_department_id as handling_approval',
      'h.region_code as handling_region',
      'hr.parent_code as handling_parent_region',
      'b.id as builder_id',
      'b.approval_department_id as builder_approval',
      'b.region_code as builder_region',
      'br.parent_code as builder_parent_region',
      'd.id as responsible_id',
      'd.approval_department_id as responsible_approval',
      'd.region_code as responsible_region',
      'dr.parent_code as responsible_parent_region',
    );
  if (!row) return undefined;
  const present = (values: (string | null)[]) => values.filter((value): value is string => Boolean(value));
  return {
    departmentIds: present([row.handling_id, row.builder_id, row.responsible_id]),
    approvalDepartmentIds: present([row.handling_approval, row.builder_approval, row.responsible_approval]),
    regionCodes: present([
      row.handling_region,
      row.handling_parent_region,
      row.builder_region,
      row.builder_parent_region,
      row.responsible_region,
      row.responsible_parent_region,
    ]),
  };
}

/** Was one of the user's departments ever a candidate group of one of the case's tasks (e.g. consulted)? */
async function wasAsked(engine: EngineClient, caseId: string, user: SessionUser): Promise<boolean> {
  for (const departmentId of user.departmentIds) {
    const count = await engine.historicTaskCount({
      processInstanceBusinessKey: caseId,
      taskHadCandidateGroup: departmentId,
    });
    if (count > 0) return true;
  }
  return false;
}

export async function canSeeCase(
  { db, engine }: { db: Db; engine: EngineClient },
  user: SessionUser,
  caseId: string,
): Promise<boolean> {
  const scope = await caseScope(db, caseId);
  if (!scope) return false;
  if (user.role === 'admin') return true;
  const mine = (ids: string[]) => ids.some((id) => user.departmentIds.includes(id));
  if (mine(scope.departmentIds) || mine(scope.approvalDepartmentIds)) return true;
  if (REGION_ROLES.has(user.role)) {
    if (user.departments.some((department) => scope.regionCodes.includes(department.regionCode))) return true;
  }
  return wasAsked(engine, caseId, user);
}

/** 404 case.not_found unless the user may see the case. */
export async function assertCaseVisible(
  deps: { db: Db; engine: EngineClient },
  user: SessionUser,
  caseId: string,
): Promise<void> {
  if (!(await canSeeCase(deps, user, caseId))) throw new DomainError('case.not_found', { id: caseId });
}

/** The case id of the path, visible to the signed-in user; 404 case.not_found otherwise. */
export async function visibleCaseId(
  deps: { db: Db; engine: EngineClient },
  user: SessionUser,
  rawId: unknown,
): Promise<string> {
  const parsed = caseIdParam.safeParse({ id: rawId });
  if (!parsed.success) throw new DomainError('case.not_found');
  await assertCaseVisible(deps, user, parsed.data.id);
  return parsed.data.id;
}
