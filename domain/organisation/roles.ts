// The roles of staff accounts: the values of users.role (migrations/…_organization.ts; a migration keeps
// its own copy, as migrations never import live code).
export const USER_ROLES = [
  'unit-staff',
  'unit-leader',
  'approval-reviewer',
  'approval-coordinator',
  'hotline-operator',
  'supervisor',
  'process-owner',
  'admin',
] as const;

export type UserRole = (typeof USER_ROLES)[number];

/**
 * The roles that work cases in the task list: units, approval departments, 12345. A supervisor watches and
 * urges, a process owner edits models, an admin runs the system: none of them decides a case, whatever
 * department their account sits in.
 */
export const CASEWORK_ROLES: readonly UserRole[] = [
  'unit-staff',
  'unit-leader',
  'approval-reviewer',
  'approval-coordinator',
  'hotline-operator',
];

export function worksCases(role: string): boolean {
  return (CASEWORK_ROLES as readonly string[]).includes(role);
}

/** The roles that watch cases without working them: they may look at tasks and urge them (催办). */
export function watchesCases(role: string): boolean {
  return role === 'supervisor' || role === 'admin';
}
