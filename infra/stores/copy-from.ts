// COPY … FROM STDIN inside a knex transaction, for bulk appends (./bulk-ledger-rows.ts): the rows travel in
// PostgreSQL's COPY text format, which the server parses faster than one INSERT of unnest(arrays) (issue 5's
// bulk-import benchmark). node-postgres runs COPY through a query object that answers the server's
// CopyInResponse (the hook pg-copy-streams uses); this one sends its whole payload at once, which suits a
// chunk of ten thousand rows held in memory anyway.
import pg from 'pg';
import type { Knex } from 'knex';

type PgConnection = { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void };

class CopyFromQuery extends pg.Query {
  readonly #payload: Buffer;

  constructor(text: string, payload: Buffer, callback: (error: Error | null) => void) {
    super({ text, callback } as pg.QueryConfig);
    this.#payload = payload;
  }

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFromChunk(this.#payload);
    connection.endCopyFrom();
  }
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
  let text = '';
  for (const row of rows) {
    let line = copyText(row[0] ?? null);
    for (let column = 1; column < row.length; column += 1) line += `\t${copyText(row[column] ?? null)}`;
    text += `${line}\n`;
  }
  const payload = Buffer.from(text, 'utf8');
  const client = (await trx.client.acquireConnection()) as pg.Client;
  await new Promise<void>((resolve, reject) => {
    void client.query(
      new CopyFromQuery(`copy ${table} (${columns.join(', ')}) from stdin`, payload, (error) =>
        error ? reject(error) : resolve(),
      ) as unknown as pg.QueryConfig,
    );
  });
}
