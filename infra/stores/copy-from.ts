// COPY … FROM STDIN inside a knex transaction, for bulk appends (./bulk-ledger-rows.ts): the rows travel in
// PostgreSQL's COPY text format, which the server parses faster than one INSERT of unnest(arrays) (issue 5's
// bulk-import benchmark). node-postgres runs COPY through a query object that answers the server's
// CopyInResponse (the hook pg-copy-streams uses); this one sends its whole payload at once, which suits a
// chunk of ten thousand rows held in memory anyway. The payload is encoded line by line into blocks of
// bytes: one string of the whole chunk became two-byte as soon as one line held Chinese, and encoding it
// cost three times as much as the lines themselves (about 1.2 µs a rating).
import pg from 'pg';
import type { Knex } from 'knex';

type PgConnection = { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void };

class CopyFromQuery extends pg.Query {
  readonly #payload: readonly Buffer[];

  constructor(text: string, payload: readonly Buffer[], callback: (error: Error | null) => void) {
    super({ text, callback } as pg.QueryConfig);
    this.#payload = payload;
  }

  handleCopyInResponse(connection: PgConnection): void {
    for (const block of this.#payload) connection.sendCopyFromChunk(block);
    connection.endCopyFrom();
  }
}

const BLOCK_BYTES = 1 << 20;
/** UTF-8 takes at most three bytes for one UTF-16 code unit (a surrogate pair: four for two). */
const MAX_BYTES_PER_CODE_UNIT = 3;
const LINE_FEED = 0x0a;

/** The rows in COPY text format as UTF-8, in blocks of about a megabyte. */
export function copyPayload(rows: readonly (readonly (string | number | boolean | null)[])[]): Buffer[] {
  const blocks: Buffer[] = [];
  let block = Buffer.allocUnsafe(BLOCK_BYTES);
  let used = 0;
  // One array for the fields of every line, joined: no string per field and separator.
  const fields: string[] = [];
  for (const row of rows) {
    fields.length = row.length;
    for (let column = 0; column < row.length; column += 1) fields[column] = copyText(row[column] ?? null);
    const line = fields.join('\t');
    const most = line.length * MAX_BYTES_PER_CODE_UNIT + 1;
    if (used + most > block.length) {
      if (used > 0) blocks.push(block.subarray(0, used));
      block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, most));
      used = 0;
    }
    used += block.write(line, used, 'utf8');
    block[used] = LINE_FEED;
    used += 1;
  }
  blocks.push(block.subarray(0, used));
  return blocks;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in COPY text format: NULL as \N; backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  // Most values (ids, codes, hashes, masks) need no escape: a test is cheaper than a replace.
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (character) =>
    character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r',
  );
}

/** Copies `rows` (one array of values per row, in `columns` order) into `table` in the transaction. */
export async function copyRows(
  trx: Knex.Transaction,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const payload = copyPayload(rows);
  const client = (await trx.client.acquireConnection()) as pg.Client;
  await new Promise<void>((resolve, reject) => {
    void client.query(
      new CopyFromQuery(`copy ${table} (${columns.join(', ')}) from stdin`, payload, (error) =>
        error ? reject(error) : resolve(),
      ) as unknown as pg.QueryConfig,
    );
  });
}
