// The facts of 办件 that a rating is judged by (ServiceRecordFacts, domain/evaluation/intake.ts), by id: one
// for a rating over HTTP, a chunk's worth for a file import. The times come as epoch milliseconds (float8):
// node-postgres parses a number far faster than a timestamptz's text (bench/bulk-import.ts).
import { ANY_OF_TEXT_LIST, textArrayLiteral } from './text-array.ts';
import type { Knex } from 'knex';
import type { ServiceRecordFacts } from '../../domain/evaluation/intake.ts';

interface FactsRow {
  id: string;
  platform_id: string | null;
  completed_ms: number | null;
  promised_ms: number | null;
  theme_id: string | null;
}

const epochMillis = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/** The facts of each 办件 of `ids` that exists, by its id. */
export async function serviceRecordFacts(
  db: Knex,
  ids: readonly string[],
): Promise<Map<string, ServiceRecordFacts>> {
  const result = await db.raw<{ rows: FactsRow[] }>(
    `select id, platform_id, ${epochMillis('completed_at')} as completed_ms,
            ${epochMillis('promised_at')} as promised_ms, theme_id
       from service_records where id = ${ANY_OF_TEXT_LIST}`,
    [textArrayLiteral([...new Set(ids)])],
  );
  return new Map(
    result.rows.map((row) => [
      row.id,
      {
        id: row.id,
        platformId: row.platform_id,
        completedAt: row.completed_ms === null ? null : new Date(row.completed_ms),
        promisedAt: row.promised_ms === null ? null : new Date(row.promised_ms),
        themeId: row.theme_id,
      },
    ]),
  );
}
