// Notices loaded at runtime, overlaid on the calendars/ files: a loaded national notice replaces the file
// of its year, a loaded regional layer the file of its region (and a later load replaces an earlier one).
// Pure: the caller reads the files and the stored loads; this decides what the working calendar is built
// from, and validates that whole set, so a load that contradicts another file is refused too.
import type { NoticeFile, RegionFile } from './types.ts';
import {
  validateCalendarData,
  validateNoticeFile,
  validateRegionFile,
  type CalendarFileLabels,
  type ValidCalendarData,
  type ValidationResult,
} from './validate.ts';

export type LoadedCalendarFile =
  | { kind: 'notice'; region: 'cn'; year: number; content: NoticeFile; label: string }
  | { kind: 'region'; region: string; year: null; content: RegionFile; label: string };

/** Validated calendar data with a label (file name or load) per entry, as calendar-files.ts returns it. */
export interface LabelledCalendarData extends ValidCalendarData {
  labels: Required<CalendarFileLabels>;
}

/** Where a file sits in the set: one national notice per year, one layer per region. */
export function calendarFileKey(file: {
  kind: 'notice' | 'region';
  region: string;
  year: number | null;
}): string {
  return file.kind === 'notice' ? `cn/${String(file.year)}` : `regions/${file.region}`;
}

function looksLikeNotice(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return true;
  const record = data as Record<string, unknown>;
  return record['region'] === 'cn' || 'year' in record || !('region' in record);
}

/**
 * Reads one file someone wants to load: a national notice (region "cn", with a year) or a regional layer.
 * Only the file on its own is checked here; checkCalendarWithLoad checks it against everything else.
 */
export function readCalendarFile(data: unknown, label: string): ValidationResult<LoadedCalendarFile> {
  if (looksLikeNotice(data)) {
    const notice = validateNoticeFile(data, label);
    if (!notice.ok) return notice;
    const content = withoutSchemaPointer(notice.value);
    return { ok: true, value: { kind: 'notice', region: 'cn', year: content.year, content, label } };
  }
  const region = validateRegionFile(data, label);
  if (!region.ok) return region;
  const content = withoutSchemaPointer(region.value);
  return { ok: true, value: { kind: 'region', region: content.region, year: null, content, label } };
}

/** "$schema": "../schema.json" only means something inside calendars/; a stored copy does without it. */
function withoutSchemaPointer<T extends object>(file: T): T {
  const copy = { ...file } as T & { $schema?: unknown };
  delete copy.$schema;
  return copy;
}

/** The base files with every loaded file in place of the one it replaces; loads apply in the given order. */
export function overlayCalendarData(
  base: LabelledCalendarData,
  loaded: readonly LoadedCalendarFile[],
): LabelledCalendarData {
  const national = new Map<string, { file: NoticeFile; label: string }>();
  base.national.forEach((file, index) =>
    national.set(`cn/${file.year}`, { file, label: base.labels.national[index] ?? `national[${index}]` }),
  );
  // Map keeps insertion order: a replaced regional layer keeps its place, so layer order stays the files'.
  const regional = new Map<string, { file: RegionFile; label: string }>();
  base.regional.forEach((file, index) =>
    regional.set(`regions/${file.region}`, {
      file,
      label: base.labels.regional[index] ?? `regional[${index}]`,
    }),
  );
  for (const load of loaded) {
    if (load.kind === 'notice')
      national.set(calendarFileKey(load), { file: load.content, label: load.label });
    else regional.set(calendarFileKey(load), { file: load.content, label: load.label });
  }
  const nationalEntries = [...national.values()].sort((a, b) => a.file.year - b.file.year);
  const regionalEntries = [...regional.values()];
  return {
    national: nationalEntries.map((entry) => entry.file),
    regional: regionalEntries.map((entry) => entry.file),
    labels: {
      national: nationalEntries.map((entry) => entry.label),
      regional: regionalEntries.map((entry) => entry.label),
    },
  };
}

/**
 * The set the calendar would be built from if `candidate` were loaded now, validated whole: a candidate
 * that is fine alone but contradicts another notice (a day off in one, a make-up day in the other) is
 * refused with the issues naming the day, the rule and both files.
 */
export function checkCalendarWithLoad(
  base: LabelledCalendarData,
  loaded: readonly LoadedCalendarFile[],
  candidate: LoadedCalendarFile,
): ValidationResult<LabelledCalendarData> {
  const merged = overlayCalendarData(base, [...loaded, candidate]);
  const validated = validateCalendarData(merged, merged.labels);
  if (!validated.ok) return { ok: false, issues: validated.issues };
  return { ok: true, value: { ...validated.value, labels: merged.labels } };
}
