// Who works a case beside its responsible unit: its approval department and its 12345 hotline, read from the
// unit (art. 19: an appeal goes to the approval department of the unit's own level).
import { hotlineDepartmentFor } from './case-store.ts';
import type { Executor } from '../db.ts';

/**
 * The groups that work a case beside its responsible unit: the unit's own approval department (art. 19: an
 * appeal goes to the approval department of the unit's level; it also convenes the 会商 and takes escalations)
 * — the unit itself when it has none, as an approval department — and the 12345 hotline of its region (return
 * visits). Asked again whenever the responsible unit changes (routing, assignment), so that the tasks' groups
 * are those stageOwnerDepartment (workers/support/stage-owners.ts) reminds.
 */
export async function responsibleUnitGroups(
  db: Executor,
  departmentId: string,
): Promise<{ approvalGroup: string; hotlineGroup: string | undefined }> {
  const unit = await db('departments')
    .where({ id: departmentId })
    .first<UnitOrganisation | undefined>('approval_department_id', 'region_code');
  return groupsOfUnit(db, departmentId, unit);
}

/** What of a unit's row its groups follow from. */
export interface UnitOrganisation {
  approval_department_id: string | null;
  region_code: string | null;
}

/** The groups of a unit whose row the caller has read already (responsibleUnitGroups reads it). */
export async function groupsOfUnit(
  db: Executor,
  departmentId: string,
  unit: UnitOrganisation | undefined,
): Promise<{ approvalGroup: string; hotlineGroup: string | undefined }> {
  return {
    approvalGroup: unit?.approval_department_id ?? departmentId,
    hotlineGroup: await hotlineDepartmentFor(db, unit?.region_code ?? null),
  };
}
