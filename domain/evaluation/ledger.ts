// The tamper-evident chain over ratings: hash = sha256(previous hash + canonical row). Changing any
// stored field of any row breaks every link after it.
import { hash } from 'node:crypto';
import { dimensionLevels, type DimensionRatings } from './dimensions.ts';

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
  /**
   * Verify only: the stored time's microseconds beyond its millisecond (1–999), when it has any. The app writes
   * milliseconds, so a row hashed by the app has none; a time changed below the millisecond then breaks the hash.
   */
  ratedAtMicros?: number;
  /** art. 7's four contents; null (or none rated) leaves the canonical row as it was before they joined it. */
  dimensions: DimensionRatings | null;
}

/**
 * A rating's time as its row is hashed: ISO 8601 in UTC to the millisecond (all the app ever stores), or to the
 * microsecond when the stored time has more (verify): a time no rating was hashed with.
 */
export function ledgerTimeText(at: Date, micros?: number): string {
  const iso = at.toISOString();
  return micros ? `${iso.slice(0, -1)}${String(micros).padStart(3, '0')}Z` : iso;
}

/**
 * Fixed key order and explicit forms, so the same row always gives the same bytes. A rating that rated any
 * dimension has a twelfth element, its four dimensions in EVALUATION_DIMENSIONS order (dimensionLevels);
 * one that rated none has the eleven of the first ledger version, so every earlier row keeps its hash
 * (docs/ledger.md).
 */
export function canonicalRow(row: LedgerRow): string {
  const fields: unknown[] = [
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
    ledgerTimeText(row.ratedAt, row.ratedAtMicros),
  ];
  // Most rows rated none (and hashing runs for every row of an import and of verify): no array for them.
  if (row.dimensions) {
    const levels = dimensionLevels(row.dimensions);
    if (levels.some((level) => level !== null)) fields.push(levels);
  }
  return JSON.stringify(fields);
}

// The one-shot crypto.hash gives the same digest as createHash().update()… over the same bytes, at about
// twice the rate for inputs this small (`hcp ledger verify` recomputes every row: bench/ledger-verify.ts).
export function chainHash(previousHash: string, row: LedgerRow): string {
  return hash('sha256', `${previousHash}\n${canonicalRow(row)}`, 'hex');
}
