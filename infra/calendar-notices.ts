// Loading a holiday notice (or a regional layer) at runtime: check it against everything the calendar is
// built from, store it, then recompute the provisional due dates and move them in the engine. A refused
// file leaves nothing behind; an engine that cannot be reached leaves the load and the new due dates in
// place, and the engine moves queued for the next run (load again, or `hcp calendar recompute`).
import { createHash } from 'node:crypto';
import {
  CalendarDataError,
  calendarFileKey,
  checkCalendarWithLoad,
  readCalendarFile,
  type LoadedCalendarFile,
} from '../domain/calendar/index.ts';
import { DomainError } from '../domain/errors.ts';
import {
  insertLoad,
  latestLoadOf,
  latestLoads,
  lockCalendarForLoad,
} from './stores/calendar-notice-store.ts';
import { recomputeProvisionalDeadlines, type RecomputeDeps, type RecomputeSummary } from './sla-recompute.ts';
import type { CalendarFiles } from './calendar-files.ts';
import type { CalendarProvider } from './calendar-provider.ts';

export interface NoticeLoadDeps extends RecomputeDeps {
  calendars: CalendarProvider;
}

export interface StoredLoad {
  id: string;
  kind: 'notice' | 'region';
  region: string;
  year: number | null;
  contentSha256: string;
  loadedBy: string;
  loadedAt: Date;
  /** True when this exact file was already the latest load of its year (or region): nothing new stored. */
  alreadyLoaded: boolean;
}

export interface NoticeLoadResult {
  load: StoredLoad;
  recompute: RecomputeSummary;
}

const UPLOAD_LABEL = '载入的文件';

/** Keys sorted at every level, so the same content always hashes the same whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentSha256(file: LoadedCalendarFile): string {
  return createHash('sha256').update(canonicalJson(file.content)).digest('hex');
}

/** Reads and checks the file alone; throws CalendarDataError naming the day and the rule. */
function readUpload(fileContent: unknown): LoadedCalendarFile {
  const read = readCalendarFile(fileContent, UPLOAD_LABEL);
  if (!read.ok) throw new CalendarDataError(read.issues);
  return { ...read.value, label: `${UPLOAD_LABEL}（${calendarFileKey(read.value)}）` };
}

/**
 * Checks a file as loadNotice does, against the calendars/ files alone (`hcp calendar load --check`, no
 * database: the notices loaded earlier are not seen). Throws CalendarDataError naming the day and the rule.
 */
export function checkNoticeFile(files: CalendarFiles, fileContent: unknown): LoadedCalendarFile {
  const file = readUpload(fileContent);
  const checked = checkCalendarWithLoad(files, [], file);
  if (!checked.ok) throw new CalendarDataError(checked.issues);
  return file;
}

/**
 * Loads one notice or regional file. Throws CalendarDataError (nothing stored) when the file, or the
 * calendar it would make together with calendars/ and the earlier loads, has any issue.
 */
export async function loadNotice(
  deps: NoticeLoadDeps,
  fileContent: unknown,
  loadedBy: string,
): Promise<NoticeLoadResult> {
  const who = loadedBy.trim();
  if (who === '') throw new DomainError('calendar.loaded_by_required');
  const file = readUpload(fileContent);
  const sha256 = contentSha256(file);
  const stored = await deps.db.transaction(async (trx) => {
    // One load at a time, each checked against what the one before it stored.
    await lockCalendarForLoad(trx);
    const earlier = await latestLoads(trx);
    const checked = checkCalendarWithLoad(deps.calendars.files, earlier.files, file);
    if (!checked.ok) throw new CalendarDataError(checked.issues);
    const previous = await latestLoadOf(trx, file);
    if (previous !== undefined && previous.content_sha256 === sha256)
      return { row: previous, alreadyLoaded: true };
    const row = await insertLoad(trx, { file, sha256, loadedBy: who, loadedAt: deps.clock() });
    return { row, alreadyLoaded: false };
  });
  // Stored and committed: from here on every process counts with it. Recomputing is also how a repeated
  // load retries the engine moves an earlier one could not make.
  const recompute = await recomputeProvisionalDeadlines(deps, who);
  const { row } = stored;
  return {
    load: {
      id: row.id,
      kind: row.kind,
      region: row.region,
      year: row.year,
      contentSha256: row.content_sha256,
      loadedBy: row.loaded_by,
      loadedAt: new Date(row.loaded_at),
      alreadyLoaded: stored.alreadyLoaded,
    },
    recompute,
  };
}
