// The notices loaded at runtime (table calendar_notices, append-only) and the lock that keeps a load and
// a deadline being computed from missing each other.
import type { Knex } from 'knex';
import {
  calendarFileKey,
  type LoadedCalendarFile,
  type NoticeFile,
  type RegionFile,
} from '../../domain/calendar/index.ts';
import type { Executor } from '../db.ts';

// pg_advisory_xact_lock key of the working calendar ("hcp" 0x02).
const CALENDAR_LOCK_KEY = 0x6863_7002;

/**
 * Taken (exclusive) by a load while it checks and stores a notice. Only one load runs at a time, so each
 * is checked against the set the one before it left.
 */
export async function lockCalendarForLoad(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?)', [CALENDAR_LOCK_KEY]);
}

/**
 * For whoever computed a due date (with the calendar of load `loadIdBefore`) and now stores it: takes the
 * calendar lock (shared) for the rest of the transaction and says whether the calendar is still the one
 * counted with. While the lock is held a load waits, so its recomputation will find the stored clock; if a
 * load came first, the caller must count again. Deadlines stored at the same time do not wait for each other.
 */
export async function calendarUnchangedSince(
  trx: Knex.Transaction,
  loadIdBefore: string | null,
): Promise<boolean> {
  await trx.raw('select pg_advisory_xact_lock_shared(?)', [CALENDAR_LOCK_KEY]);
  return (await latestLoadId(trx)) === loadIdBefore;
}

export interface NoticeLoadRow {
  id: string;
  kind: 'notice' | 'region';
  region: string;
  year: number | null;
  content: unknown;
  content_sha256: string;
  loaded_by: string;
  loaded_at: Date;
}

/** Id of the latest load, or null when nothing was ever loaded: changes exactly when the calendar may. */
export async function latestLoadId(db: Executor): Promise<string | null> {
  const row = await db('calendar_notices').max<{ max: string | null }>('id as max').first();
  return row?.max ?? null;
}

function labelOf(row: Pick<NoticeLoadRow, 'id' | 'kind' | 'region' | 'year'>): string {
  return `已载入 #${row.id}（${calendarFileKey(row)}）`;
}

function toLoadedFile(row: NoticeLoadRow): LoadedCalendarFile {
  // The content was validated before it was stored, and the table refuses edits.
  if (row.kind === 'notice') {
    const content = row.content as NoticeFile;
    return { kind: 'notice', region: 'cn', year: content.year, content, label: labelOf(row) };
  }
  const content = row.content as RegionFile;
  return { kind: 'region', region: content.region, year: null, content, label: labelOf(row) };
}

/** The latest load of every year and region, oldest first, with the id of the newest one. */
export async function latestLoads(
  db: Executor,
): Promise<{ files: LoadedCalendarFile[]; version: string | null }> {
  const rows = await db
    .select<NoticeLoadRow[]>('*')
    .from(
      db('calendar_notices')
        .distinctOn('kind', 'region', 'year')
        .select('*')
        .orderBy([
          { column: 'kind' },
          { column: 'region' },
          { column: 'year' },
          { column: 'id', order: 'desc' },
        ])
        .as('latest'),
    )
    .orderBy('id');
  const version = rows.length > 0 ? (rows[rows.length - 1] as NoticeLoadRow).id : null;
  return { files: rows.map(toLoadedFile), version };
}

/** The latest stored load of that year (or region), to recognise a file loaded again unchanged. */
export async function latestLoadOf(
  db: Executor,
  file: { kind: 'notice' | 'region'; region: string; year: number | null },
): Promise<NoticeLoadRow | undefined> {
  const query = db('calendar_notices').where({ kind: file.kind, region: file.region });
  if (file.year === null) query.whereNull('year');
  else query.where('year', file.year);
  return query.orderBy('id', 'desc').first<NoticeLoadRow | undefined>();
}

export async function insertLoad(
  trx: Knex.Transaction,
  load: { file: LoadedCalendarFile; sha256: string; loadedBy: string; loadedAt: Date },
): Promise<NoticeLoadRow> {
  const [row] = await trx('calendar_notices')
    .insert({
      kind: load.file.kind,
      region: load.file.region,
      year: load.file.year,
      content: JSON.stringify(load.file.content),
      content_sha256: load.sha256,
      loaded_by: load.loadedBy,
      loaded_at: load.loadedAt,
    })
    .returning<NoticeLoadRow[]>('*');
  return row as NoticeLoadRow;
}

export type NoticeLoadListRow = Omit<NoticeLoadRow, 'content'> & { title: string | null };

/** Every load, newest first, with the notice's title (a regional layer's name). */
export async function listLoads(db: Executor): Promise<NoticeLoadListRow[]> {
  return db('calendar_notices')
    .select<NoticeLoadListRow[]>(
      'id',
      'kind',
      'region',
      'year',
      'content_sha256',
      'loaded_by',
      'loaded_at',
      db.raw("coalesce(content->'notice'->>'title', content->>'name') as title"),
    )
    .orderBy('id', 'desc');
}
