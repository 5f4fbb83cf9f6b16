// Working as the app's ledger role (hcp_app_writer, migrations/20261126211000_app_role.ts) in a test database:
// a member role of its own for the test, and transactions under it that are always rolled back.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../infra/db.ts';

/** A fresh NOLOGIN member of hcp_app_writer for `work`, dropped afterwards. */
export async function withLedgerAppMember<T>(db: Db, work: (member: string) => Promise<T>): Promise<T> {
  const member = `hcp_ledger_app_${randomUUID().slice(0, 8)}`;
  await db.raw(`create role ${member} nologin in role hcp_app_writer`);
  try {
    return await work(member);
  } finally {
    await db.raw(`drop role ${member}`);
  }
}

/** `work` in one transaction as `role`, rolled back whatever it did. */
export async function asRole<T>(db: Db, role: string, work: (trx: Db) => Promise<T>): Promise<T> {
  const trx = await db.transaction();
  try {
    await trx.raw(`set local role ${role}`);
    return await work(trx);
  } finally {
    await trx.rollback().catch(() => undefined);
  }
}

/**
 * What a superuser can do behind the app's back: change ratings with the append-only trigger switched off,
 * in one committed transaction (the tamper tests of `hcp ledger verify`).
 */
export async function tamperWithLedger(db: Db, change: (trx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('alter table evaluations disable trigger evaluations_append_only');
    await change(trx);
    await trx.raw('alter table evaluations enable trigger evaluations_append_only');
  });
}
