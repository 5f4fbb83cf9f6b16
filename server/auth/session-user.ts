// Who is signed in: the user, their role and the departments they work for (the candidate groups).
import type { Db } from '../../infra/db.ts';
import type { UserRole } from '../../domain/organisation/roles.ts';

export type { UserRole };

export interface SessionUser {
  id: string;
  name: string;
  role: UserRole;
  departmentIds: string[];
  departments: { id: string; name: string; kind: string; regionCode: string }[];
}

export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | undefined> {
  const user = await db('users').where({ id: userId }).first('id', 'name', 'role');
  if (!user) return undefined;
  const departments = await db('user_departments as ud')
    .join('departments as d', 'd.id', 'ud.department_id')
    .where('ud.user_id', userId)
    .orderBy('d.id')
    .select('d.id', 'd.name', 'd.kind', 'd.region_code as regionCode');
  return {
    id: user.id,
    name: user.name,
    role: user.role as UserRole,
    departmentIds: departments.map((department) => department.id as string),
    departments,
  };
}
