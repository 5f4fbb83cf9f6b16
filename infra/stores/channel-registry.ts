// Registering the rating channels that authenticate with keys (art. 12–13): window devices and partner
// systems. A key is made here, shown once to the operator who registers the channel, and kept only as its
// hash (infra/channel-keys.ts); a lost key is replaced, never recovered.
import { randomBytes } from 'node:crypto';
import { keyHash } from '../channel-keys.ts';
import type { Db } from '../db.ts';

export type RegistrationOutcome =
  | { kind: 'registered'; key: string }
  | { kind: 'already-registered' }
  | { kind: 'unknown-institution' }
  | { kind: 'unknown-platform' }
  | { kind: 'unknown-code-table' }
  | { kind: 'unknown-channel' };

export function newChannelKey(): string {
  return `hcp_${randomBytes(24).toString('base64url')}`;
}

export async function registerDevice(
  db: Db,
  id: string,
  institutionId: string,
): Promise<RegistrationOutcome> {
  if (!(await db('institutions').where({ id: institutionId }).first('id')))
    return { kind: 'unknown-institution' };
  const key = newChannelKey();
  const inserted = await db('rating_devices')
    .insert({ id, institution_id: institutionId, key_hash: keyHash(key) })
    .onConflict('id')
    .ignore()
    .returning('id');
  return inserted.length > 0 ? { kind: 'registered', key } : { kind: 'already-registered' };
}

/** `codeTable` must be one of `knownCodeTables` (the loaded tables' ids), checked by the caller's set. */
export async function registerPartner(
  db: Db,
  {
    id,
    name,
    platformId,
    codeTable,
    knownCodeTables,
  }: {
    id: string;
    name: string;
    platformId: string;
    codeTable: string;
    knownCodeTables: ReadonlySet<string>;
  },
): Promise<RegistrationOutcome> {
  if (!knownCodeTables.has(codeTable)) return { kind: 'unknown-code-table' };
  if (!(await db('platforms').where({ id: platformId }).first('id'))) return { kind: 'unknown-platform' };
  const key = newChannelKey();
  const inserted = await db('partner_systems')
    .insert({ id, name, platform_id: platformId, key_hash: keyHash(key), code_table: codeTable })
    .onConflict('id')
    .ignore()
    .returning('id');
  return inserted.length > 0 ? { kind: 'registered', key } : { kind: 'already-registered' };
}

export type CodeTableChange =
  | { kind: 'changed'; from: string; to: string }
  | { kind: 'unknown-code-table' }
  | { kind: 'unknown-channel' };

/** Switches a partner system to another code table (its interface changed); the key stays. */
export async function setPartnerCodeTable(
  db: Db,
  { id, codeTable, knownCodeTables }: { id: string; codeTable: string; knownCodeTables: ReadonlySet<string> },
): Promise<CodeTableChange> {
  if (!knownCodeTables.has(codeTable)) return { kind: 'unknown-code-table' };
  return db.transaction(async (trx) => {
    const partner = await trx('partner_systems')
      .where({ id })
      .forUpdate()
      .first<{ code_table: string } | undefined>('code_table');
    if (!partner) return { kind: 'unknown-channel' } as const;
    await trx('partner_systems').where({ id }).update({ code_table: codeTable });
    return { kind: 'changed', from: partner.code_table, to: codeTable } as const;
  });
}

/** A new key for a registered device or partner; the old one stops working at once. */
export async function replaceChannelKey(
  db: Db,
  kind: 'device' | 'partner',
  id: string,
): Promise<RegistrationOutcome> {
  const key = newChannelKey();
  const table = kind === 'device' ? 'rating_devices' : 'partner_systems';
  const updated = await db(table)
    .where({ id })
    .update({ key_hash: keyHash(key) });
  return updated > 0 ? { kind: 'registered', key } : { kind: 'unknown-channel' };
}

/** Partner systems whose code table is not among `tableIds` (a table file removed or not deployed). */
export async function partnersWithoutCodeTable(
  db: Db,
  tableIds: Iterable<string>,
): Promise<{ id: string; codeTable: string }[]> {
  const rows = await db('partner_systems')
    .whereNotIn('code_table', [...tableIds])
    .orderBy('id')
    .select<{ id: string; code_table: string }[]>('id', 'code_table');
  return rows.map((row) => ({ id: row.id, codeTable: row.code_table }));
}
