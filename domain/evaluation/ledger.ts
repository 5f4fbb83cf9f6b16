// The tamper-evident chain over ratings: hash = sha256(previous hash + canonical row). Changing any
// stored field of any row breaks every link after it.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface LedgerRow {
  id: string;
  serviceRecordId: string;
  target: string;
  channel: string;
  level: string;
  tags: readonly string[];
  text: string;
  realName: boolean;
  raterNameEncrypted: string | null;
  raterPhoneEncrypted: string | null;
  ratedAt: Date;
}

/** Fixed key order and explicit forms, so the same row always gives the same bytes. */
export function canonicalRow(row: LedgerRow): string {
  return JSON.stringify([
    row.id,
    row.serviceRecordId,
    row.target,
    row.channel,
    row.level,
    [...row.tags],
    row.text,
    row.realName,
    row.raterNameEncrypted,
    row.raterPhoneEncrypted,
    row.ratedAt.toISOString(),
  ]);
}

export function chainHash(previousHash: string, row: LedgerRow): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalRow(row)).digest('hex');
}
