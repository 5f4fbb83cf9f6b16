// The facts of 办件 that a rating is judged by (ServiceRecordFacts, domain/evaluation/intake.ts), by id: one
// for a rating over HTTP, a chunk's worth for a file import. The times come as epoch milliseconds (float8):
// node-postgres parses a number far faster than a timestamptz's text (bench/bulk-import.ts).
import { ANY_OF_TEXT_LIST, textArrayLiteral } from './text-array.ts';
import type { Knex } from 'knex';
import type { ServiceRecordFacts } from '../../domain/evaluation/intake.ts';
import type { ServiceChannel } from '../../domain/evaluation/channels.ts';

interface FactsRow {
  id: string;
  channel: ServiceChannel;
  platform_id: string | null;
  accepted_ms: number;
  completed_ms: number | null;
  promised_ms: number | null;
  theme_id: string | null;
  window_closes_ms: number | null;
  recorded_unrated: boolean;
}

const epochMillis = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/** The facts of each 办件 of `ids` that exists, by its id. */
export async function serviceRecordFacts(
  db: Knex,
  ids: readonly string[],
): Promise<Map<string, ServiceRecordFacts>> {
  const result = await db.raw<{ rows: FactsRow[] }>(
    `select sr.id, sr.channel, sr.platform_id, ${epochMillis('sr.accepted_at')} as accepted_ms,
            ${epochMillis('sr.completed_at')} as completed_ms,
            ${epochMillis('sr.promised_at')} as promised_ms, sr.theme_id,
            ${epochMillis('i.window_closes_at')} as window_closes_ms, u.service_record_id is not null as recorded_unrated
       from service_records sr
       left join evaluation_invitations i on i.service_record_id = sr.id
       left join unrated_service_records u on u.service_record_id = sr.id
      where sr.id = ${ANY_OF_TEXT_LIST}`,
    [textArrayLiteral([...new Set(ids)])],
  );
  return new Map(
    result.rows.map((row) => [
      row.id,
      {
        id: row.id,
        serviceChannel: row.channel,
        platformId: row.platform_id,
        acceptedAt: new Date(row.accepted_ms),
        completedAt: row.completed_ms === null ? null : new Date(row.completed_ms),
        promisedAt: row.promised_ms === null ? null : new Date(row.promised_ms),
        themeId: row.theme_id,
        ratingWindowClosesAt: row.window_closes_ms === null ? null : new Date(row.window_closes_ms),
        recordedUnrated: row.recorded_unrated,
      },
    ]),
  );
}

/**
 * Whose each 办件 of `ids` is, for a district supervisor's import (ImportRequest.jurisdiction): a rating of its
 * service answers to its handling unit and, in a batch or theme (art. 9), to every member's, whom the rating
 * also rates; a rating of its platform answers to the platform's builder (art. 17).
 */
export interface RecordOwners {
  service: string[];
  platform: string | null;
}

export async function recordOwners(db: Knex, ids: readonly string[]): Promise<Map<string, RecordOwners>> {
  const result = await db.raw<{ rows: { id: string; service: string[]; platform: string | null }[] }>(
    `select sr.id, p.builder_department_id as platform,
            array(select distinct m.handling_department_id from service_records m
                   where m.id = sr.id or m.batch_id = sr.batch_id or m.theme_id = sr.theme_id) as service
       from service_records sr
       left join platforms p on p.id = sr.platform_id
      where sr.id = ${ANY_OF_TEXT_LIST}`,
    [textArrayLiteral([...new Set(ids)])],
  );
  return new Map(result.rows.map((row) => [row.id, { service: row.service, platform: row.platform }]));
}
