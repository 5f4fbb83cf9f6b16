// COPY … TO STDOUT read row by row inside a knex transaction, for `hcp ledger verify` (./verify.ts): one
// CopyData message per row, the row in COPY text format, decoded here with only what the hash needs. Cheaper
// for node-postgres than a result set (no DataRow of fourteen fields to parse per row, no pages of 10,000 rows
// to keep), and PostgreSQL streams the whole table from one statement. The rows are handed over as the socket
// delivers them, so memory stays small whatever the table's size.
import pg from 'pg';
import type { Knex } from 'knex';

class CopyToQuery extends pg.Query {
  readonly #onLine: (line: string) => void;
  readonly #outcome: { failure?: Error };
  #partial = '';

  constructor(text: string, onLine: (line: string) => void, callback: (error: Error | null) => void) {
    // A line `onLine` could not take fails the query once the statement ends (the rest is received and
    // ignored), instead of escaping from the driver's message handler and ending the process.
    const outcome: { failure?: Error } = {};
    super({
      text,
      callback: (error: Error | null) => callback(error ?? outcome.failure ?? null),
    } as pg.QueryConfig);
    this.#onLine = onLine;
    this.#outcome = outcome;
  }

  handleCopyData(message: { chunk: Buffer }): void {
    // PostgreSQL sends one row per message; a row split across messages is joined all the same.
    const text = this.#partial + message.chunk.toString('utf8');
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (!this.#outcome.failure) {
        try {
          this.#onLine(text.slice(start, end));
        } catch (error: unknown) {
          this.#outcome.failure = error instanceof Error ? error : new Error(String(error));
        }
      }
      start = end + 1;
    }
    this.#partial = text.slice(start);
  }
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One field of a COPY text line: `\N` is NULL; backslash escapes undone. */
export function copyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (_match, escape: string) => {
    if (/^[0-7]/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    if (escape.startsWith('x') && escape.length > 1)
      return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ESCAPES[escape] ?? escape;
  });
}

/** Runs `copy (…) to stdout` and calls `onLine` with each row's text, in order. */
export async function copyOut(
  trx: Knex.Transaction,
  sql: string,
  onLine: (line: string) => void,
): Promise<void> {
  const client = (await trx.client.acquireConnection()) as pg.Client;
  await new Promise<void>((resolve, reject) => {
    void client.query(
      new CopyToQuery(sql, onLine, (error) =>
        error ? reject(error) : resolve(),
      ) as unknown as pg.QueryConfig,
    );
  });
}
