// Ledger pages as PostgreSQL sends them, in text, decoded here with only what the hash needs. node-postgres'
// general parsers (a Date per timestamptz by regular expression, a text[] parser, an object per row) cost
// more than hashing the row; for `hcp ledger verify` they were the bottleneck (bench/ledger-verify.ts).
// The session runs in UTC, so rated_at arrives as `YYYY-MM-DD HH:MM:SS[.ffffff]+00`.
import type { ChainedLedgerRow } from '../../domain/evaluation/ledger-verify.ts';
import { ratedDimensions, type DimensionRatings } from '../../domain/evaluation/dimensions.ts';

/** node-postgres query options: rows as arrays of the server's text, no type parsing. */
export const TEXT_ROWS = {
  rowMode: 'array',
  types: { getTypeParser: () => (value: string) => value },
} as const;

/** The columns in the order LEDGER_PAGE_SQL selects them; NULL stays null. */
export type TextRow = [
  id: string,
  sequence: string,
  serviceRecordId: string,
  target: string,
  channel: string,
  level: string,
  tags: string,
  text: string,
  realName: string,
  raterNameEncrypted: string | null,
  raterPhoneEncrypted: string | null,
  ratedAt: string,
  attitude: string | null,
  quality: string | null,
  efficiency: string | null,
  environment: string | null,
  previousHash: string,
  hash: string,
];

/** A one-dimensional text[] literal: `{}`, `{a,b}`, `{"a b","say \"hi\"",NULL}`. */
export function parseTextArray(literal: string): (string | null)[] {
  if (literal === '{}') return [];
  const body = literal.slice(1, -1);
  if (!body.includes('"')) return body.split(',').map((item) => (item === 'NULL' ? null : item));
  const items: (string | null)[] = [];
  let index = 0;
  while (index <= body.length) {
    if (body[index] === '"') {
      let item = '';
      index += 1;
      while (body[index] !== '"') {
        if (body[index] === '\\') index += 1;
        item += body[index];
        index += 1;
      }
      items.push(item);
      index += 2; // closing quote and comma
    } else {
      const end = body.indexOf(',', index);
      const item = body.slice(index, end === -1 ? body.length : end);
      items.push(item === 'NULL' ? null : item);
      index = end === -1 ? body.length + 1 : end + 1;
    }
  }
  return items;
}

/** `2026-11-01 01:00:00.123+00` (UTC session) as a Date, to the millisecond as node-postgres gives it. */
export function parseUtcTimestamp(text: string): Date {
  if (!text.endsWith('+00')) throw new Error(`expected a UTC timestamp, got ${text}`);
  const fraction = text.length > 22 ? text.slice(20, -3) : '';
  return new Date(`${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.padEnd(3, '0').slice(0, 3)}Z`);
}

/**
 * The microseconds beyond the millisecond of such a timestamp's text, undefined when none. PostgreSQL drops
 * trailing zeros, so only a text longer than `…:00.123+00` (26 characters) has any: the app writes none.
 */
export function microsBeyondMillisecond(text: string): number | undefined {
  return text.length > 26 ? Number(text.slice(23, -3).padEnd(3, '0')) : undefined;
}

export function toChainedRow(row: TextRow): ChainedLedgerRow {
  return {
    id: row[0],
    sequence: BigInt(row[1]),
    serviceRecordId: row[2],
    target: row[3],
    channel: row[4],
    level: row[5],
    tags: parseTextArray(row[6]) as string[],
    text: row[7],
    realName: row[8] === 't',
    raterNameEncrypted: row[9],
    raterPhoneEncrypted: row[10],
    ratedAt: parseUtcTimestamp(row[11]),
    ratedAtMicros: microsBeyondMillisecond(row[11]),
    dimensions: storedDimensions(row[12], row[13], row[14], row[15]),
    previousHash: row[16],
    hash: row[17],
  };
}

/** A row's four dimension columns as the chain hashes them: null when it rated none. */
export function storedDimensions(
  attitude: string | null,
  quality: string | null,
  efficiency: string | null,
  environment: string | null,
): DimensionRatings | null {
  // Most rows rated none: answered without building anything (verify reads every row).
  if (attitude === null && quality === null && efficiency === null && environment === null) return null;
  return ratedDimensions({ attitude, quality, efficiency, environment } as DimensionRatings);
}
