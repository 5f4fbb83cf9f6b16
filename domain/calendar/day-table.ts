// Precomputed per-day data for every day 2000-01-01 … 2099-12-31 (36,525 days): built once per calendar so
// that counting working days is array lookups, with no date objects in the hot path.
import { epochDayFromCivil, formatEpochDay, isWeekendEpochDay, tryParseIsoDate } from './iso-date.ts';
import { statutoryDaysOff } from './statutory-holidays.ts';
import type { DayRule, NoticeFile, RegionFile } from './types.ts';

export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2099;
/** Epoch day of index 0. */
export const FIRST_EPOCH_DAY = epochDayFromCivil(FIRST_CALENDAR_YEAR, 1, 1);
export const LAST_EPOCH_DAY = epochDayFromCivil(LAST_CALENDAR_YEAR, 12, 31);
export const DAY_COUNT = LAST_EPOCH_DAY - FIRST_EPOCH_DAY + 1;

export const DAY_RULES: readonly DayRule[] = [
  'weekday',
  'weekend',
  'notice-holiday',
  'notice-makeup-workday',
  'statutory-holiday',
  'regional-day-off',
  'regional-workday',
];
const RULE_CODE = new Map(DAY_RULES.map((rule, code) => [rule, code]));

export interface DayTable {
  /** 1 when the day (index = epoch day − FIRST_EPOCH_DAY) is a working day. */
  working: Uint8Array;
  /** 1 when the day's year has no national notice loaded. */
  provisional: Uint8Array;
  /** Index into DAY_RULES: why the day is what it is. */
  rule: Uint8Array;
  /** Holiday name or regional reason, for the days that have one. */
  labels: Map<number, string>;
  /** workingUpTo[i] = number of working days with index ≤ i. */
  workingUpTo: Int32Array;
  /** provisionalUpTo[i] = number of provisional days with index ≤ i. */
  provisionalUpTo: Int32Array;
  /** workingIndexes[k] = index of the (k+1)-th working day of the range. */
  workingIndexes: Int32Array;
}

let isoDates: readonly string[] | undefined;

/** 'YYYY-MM-DD' of every index, shared by all calendars (the strings never depend on the data). */
export function isoDateTable(): readonly string[] {
  isoDates ??= Array.from({ length: DAY_COUNT }, (_, index) => formatEpochDay(FIRST_EPOCH_DAY + index));
  return isoDates;
}

function indexOfIsoDate(date: string): number {
  // Callers pass dates that validation has checked.
  return (tryParseIsoDate(date) as number) - FIRST_EPOCH_DAY;
}

class DayTableBuilder {
  readonly working = new Uint8Array(DAY_COUNT);
  readonly provisional = new Uint8Array(DAY_COUNT);
  readonly rule = new Uint8Array(DAY_COUNT);
  readonly labels = new Map<number, string>();

  set(index: number, working: boolean, rule: DayRule, label?: string): void {
    // Dates just outside the range (a notice's late-December spill before 2000) cannot occur: validation
    // refuses them; the guard keeps the typed arrays from being written out of bounds anyway.
    if (index < 0 || index >= DAY_COUNT) return;
    this.working[index] = working ? 1 : 0;
    this.rule[index] = RULE_CODE.get(rule) as number;
    if (label === undefined) this.labels.delete(index);
    else this.labels.set(index, label);
  }

  setRange(from: string, to: string, working: boolean, rule: DayRule, label: string): void {
    const last = indexOfIsoDate(to);
    for (let index = indexOfIsoDate(from); index <= last; index += 1) this.set(index, working, rule, label);
  }
}

function applyWeekends(builder: DayTableBuilder): void {
  for (let index = 0; index < DAY_COUNT; index += 1) {
    const weekend = isWeekendEpochDay(FIRST_EPOCH_DAY + index);
    builder.set(index, !weekend, weekend ? 'weekend' : 'weekday');
  }
}

/**
 * The last days of a year that the next year's notice may still decide: 元旦's days off can begin on 31
 * December (2023's notice), and a make-up working day can fall in late December (2019's, 29 December 2018).
 */
const NEXT_NOTICE_REACHES_BACK_FROM = { month: 12, day: 25 } as const;

function applyStatutoryFallback(builder: DayTableBuilder, noticeYears: ReadonlySet<number>): void {
  for (let year = FIRST_CALENDAR_YEAR; year <= LAST_CALENDAR_YEAR; year += 1) {
    const last = epochDayFromCivil(year, 12, 31) - FIRST_EPOCH_DAY;
    if (noticeYears.has(year)) {
      // Known by this year's notice, except the days the next year's notice, not yet loaded, may still move.
      if (!noticeYears.has(year + 1) && year < LAST_CALENDAR_YEAR) {
        const { month, day } = NEXT_NOTICE_REACHES_BACK_FROM;
        builder.provisional.fill(1, epochDayFromCivil(year, month, day) - FIRST_EPOCH_DAY, last + 1);
      }
      continue;
    }
    const first = epochDayFromCivil(year, 1, 1) - FIRST_EPOCH_DAY;
    builder.provisional.fill(1, first, last + 1);
    for (const day of statutoryDaysOff(year)) {
      builder.set(day.epochDay - FIRST_EPOCH_DAY, false, 'statutory-holiday', day.name);
    }
  }
}

function applyNotices(builder: DayTableBuilder, notices: readonly NoticeFile[]): void {
  // Ascending years, so a notice's late-December spill (2023's 2022-12-31) overrides the year before.
  for (const notice of [...notices].sort((a, b) => a.year - b.year)) {
    for (const holiday of notice.holidays) {
      builder.setRange(holiday.from, holiday.to, false, 'notice-holiday', holiday.name);
    }
    for (const makeup of notice.makeupWorkdays) {
      builder.set(indexOfIsoDate(makeup.date), true, 'notice-makeup-workday', `${makeup.for}调休上班`);
    }
  }
}

function applyRegions(builder: DayTableBuilder, regions: readonly RegionFile[]): void {
  // Regional layers come last: they win over the national calendar (and a later layer over an earlier one).
  for (const region of regions) {
    for (const dayOff of region.daysOff) {
      builder.setRange(dayOff.from, dayOff.to, false, 'regional-day-off', `${region.name}：${dayOff.reason}`);
    }
    for (const workday of region.workdays) {
      builder.set(
        indexOfIsoDate(workday.date),
        true,
        'regional-workday',
        `${region.name}：${workday.reason}`,
      );
    }
  }
}

function prefixCounts(flags: Uint8Array): Int32Array {
  const upTo = new Int32Array(flags.length);
  let count = 0;
  for (let index = 0; index < flags.length; index += 1) {
    count += flags[index] as number;
    upTo[index] = count;
  }
  return upTo;
}

/** Builds the table from data that validateCalendarData has accepted. */
export function buildDayTable(notices: readonly NoticeFile[], regions: readonly RegionFile[]): DayTable {
  const builder = new DayTableBuilder();
  applyWeekends(builder);
  applyStatutoryFallback(builder, new Set(notices.map((notice) => notice.year)));
  applyNotices(builder, notices);
  applyRegions(builder, regions);
  const workingUpTo = prefixCounts(builder.working);
  const workingIndexes = new Int32Array(workingUpTo[DAY_COUNT - 1] as number);
  for (let index = 0, next = 0; index < DAY_COUNT; index += 1) {
    if (builder.working[index] === 1) workingIndexes[next++] = index;
  }
  return {
    working: builder.working,
    provisional: builder.provisional,
    rule: builder.rule,
    labels: builder.labels,
    workingUpTo,
    provisionalUpTo: prefixCounts(builder.provisional),
    workingIndexes,
  };
}
