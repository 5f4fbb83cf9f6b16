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
