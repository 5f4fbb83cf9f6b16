// Loads the demo organisation. Idempotent: rows that exist are left as they are.
import {
  DEMO_PASSWORD,
  DEPARTMENTS,
  EXTRA_USER_DEPARTMENTS,
  INSTITUTIONS,
  PLATFORMS,
  REGIONS,
  SERVICE_ITEMS,
  USERS,
} from './demo-data.ts';
import { hashPassword } from '../passwords.ts';
import { PARTNER_SYSTEMS, RATING_DEVICES } from './demo-channels.ts';
import type { Db } from '../db.ts';

export async function seedDemoData(db: Db): Promise<void> {
  // One hash for every demo account still without a password (argon2 salts it; one computation), none
  // when all have one: `npm start` seeds on every start in development.
  const withPassword = new Set(
    (
      await db('user_credentials')
        .whereIn(
          'user_id',
          USERS.map((user) => user.id),
        )
        .select('user_id')
    ).map((row) => row.user_id as string),
  );
  const withoutPassword = USERS.filter((user) => !withPassword.has(user.id));
  const demoHash = withoutPassword.length > 0 ? await hashPassword(DEMO_PASSWORD) : undefined;
  await db.transaction(async (trx) => {
    await trx('regions').insert(REGIONS).onConflict('code').ignore();
    // Approval departments first: the others point at them.
    const approvals = DEPARTMENTS.filter((department) => department.kind === 'approval');
    await trx('departments').insert(approvals).onConflict('id').ignore();
    await trx('departments')
      .insert(DEPARTMENTS.filter((department) => department.kind !== 'approval'))
      .onConflict('id')
      .ignore();
    await trx('institutions')
      .insert(INSTITUTIONS.filter((row) => !row.parent_id))
      .onConflict('id')
      .ignore();
    await trx('institutions')
      .insert(INSTITUTIONS.filter((row) => row.parent_id))
      .onConflict('id')
      .ignore();
    await trx('service_items').insert(SERVICE_ITEMS).onConflict('code').ignore();
    await trx('platforms').insert(PLATFORMS).onConflict('id').ignore();
    await trx('users').insert(USERS).onConflict('id').ignore();
    await trx('user_departments')
      .insert([
        ...USERS.map((user) => ({ user_id: user.id, department_id: user.department_id })),
        ...EXTRA_USER_DEPARTMENTS,
      ])
      .onConflict(['user_id', 'department_id'])
      .ignore();
    if (demoHash) {
      await trx('user_credentials')
        .insert(withoutPassword.map((user) => ({ user_id: user.id, password_hash: demoHash })))
        .onConflict('user_id')
        .ignore();
    }
    await trx('rating_devices').insert(RATING_DEVICES).onConflict('id').ignore();
    await trx('partner_systems').insert(PARTNER_SYSTEMS).onConflict('id').ignore();
  });
}

export async function hasDemoData(db: Db): Promise<boolean> {
  const row = await db('departments').count<{ count: string }[]>({ count: '*' });
  return Number(row[0]?.count ?? 0) > 0;
}
