// The working calendar: built once from notice and regional files by a factory, then answers from the
// precomputed day table in O(1) (no luxon, no Date in the counting path). Rebuild it (call the factory again)
// when a notice is loaded later; the caller recomputes the deadlines that were provisional.
import {
  DAY_COUNT,
  DAY_RULES,
  FIRST_EPOCH_DAY,
  LAST_EPOCH_DAY,
  buildDayTable,
  isoDateTable,
  type DayTable,
} from './day-table.ts';
import { CalendarDataError, CalendarUsageError } from './errors.ts';
import { formatEpochDay, tryParseIsoDate } from './iso-date.ts';
import { endOfShanghaiDay, shanghaiDateOf } from './shanghai-time.ts';
import type {
  BetweenResult,
  CalendarData,
  CountResult,
  DayExplanation,
  DayRule,
  DayStatus,
  Deadline,
  InstantInput,
  IsoDate,
  WorkingCalendar,
} from './types.ts';
import { validateCalendarData, type CalendarFileLabels } from './validate.ts';

const FIRST_DATE = formatEpochDay(FIRST_EPOCH_DAY);
const LAST_DATE = formatEpochDay(LAST_EPOCH_DAY);

function indexOfDate(date: IsoDate): number {
  const epochDay = tryParseIsoDate(date);
  if (epochDay === undefined) {
    throw new CalendarUsageError(
      'calendar.invalid_date',
      `「${String(date)}」不是有效日期：请写成 YYYY-MM-DD，并且是真实存在的日期`,
    );
  }
  const index = epochDay - FIRST_EPOCH_DAY;
  if (index < 0 || index >= DAY_COUNT) {
    throw new CalendarUsageError(
      'calendar.out_of_range',
      `「${date}」超出日历支持范围（${FIRST_DATE} 至 ${LAST_DATE}）`,
    );
  }
  return index;
}

function checkCount(workingDays: number): void {
  if (!Number.isSafeInteger(workingDays) || workingDays < 0) {
    throw new CalendarUsageError(
      'calendar.invalid_count',
      `工作日数必须是非负整数，收到 ${String(workingDays)}`,
    );
  }
}

class TableCalendar implements WorkingCalendar {
  readonly firstDate = FIRST_DATE;
  readonly lastDate = LAST_DATE;
  private readonly isoDates = isoDateTable();

  constructor(
    private readonly table: DayTable,
    readonly noticeYears: readonly number[],
  ) {}

  /** Whether any day with index in [first, last] is provisional. */
  private anyProvisional(first: number, last: number): boolean {
    if (last < first) return false;
    const before = first > 0 ? (this.table.provisionalUpTo[first - 1] as number) : 0;
    return (this.table.provisionalUpTo[last] as number) - before > 0;
  }

  /** Index of the n-th working day after `start` (n = 0: start itself if working, else the next one). */
  private countFrom(start: number, workingDays: number, date: IsoDate): number {
    if (workingDays === 0 && this.table.working[start] === 1) return start;
    const ordinal = (this.table.workingUpTo[start] as number) + Math.max(workingDays - 1, 0);
    const target = this.table.workingIndexes[ordinal];
    if (target === undefined) {
      throw new CalendarUsageError(
        'calendar.out_of_range',
        `从「${date}」起第 ${workingDays} 个工作日超出日历支持范围（至 ${LAST_DATE}）`,
      );
    }
    return target;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.table.working[indexOfDate(date)] === 1;
  }

  isWorkingDayDetailed(date: IsoDate): DayStatus {
    const index = indexOfDate(date);
    return { working: this.table.working[index] === 1, provisional: this.table.provisional[index] === 1 };
  }

  explainDay(date: IsoDate): DayExplanation {
    const index = indexOfDate(date);
    const explanation: DayExplanation = {
      date: this.isoDates[index] as string,
      working: this.table.working[index] === 1,
      provisional: this.table.provisional[index] === 1,
      rule: DAY_RULES[this.table.rule[index] as number] as DayRule,
    };
    const label = this.table.labels.get(index);
    if (label !== undefined) explanation.label = label;
    return explanation;
  }

  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  addWorkingDays(date: IsoDate, workingDays: number): IsoDate {
    checkCount(workingDays);
    return this.isoDates[this.countFrom(indexOfDate(date), workingDays, date)] as string;
  }

  addWorkingDaysDetailed(date: IsoDate, workingDays: number): CountResult {
    checkCount(workingDays);
    const start = indexOfDate(date);
    const target = this.countFrom(start, workingDays, date);
    // Days that decide the answer: (start, target] — and start itself when n = 0.
    const provisional = this.anyProvisional(workingDays === 0 ? start : start + 1, target);
    return { date: this.isoDates[target] as string, provisional };
  }

  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const { workingUpTo } = this.table;
    return (workingUpTo[indexOfDate(b)] as number) - (workingUpTo[indexOfDate(a)] as number);
  }

  workingDaysBetweenDetailed(a: IsoDate, b: IsoDate): BetweenResult {
    const first = indexOfDate(a);
    const last = indexOfDate(b);
    const count = (this.table.workingUpTo[last] as number) - (this.table.workingUpTo[first] as number);
    const provisional = this.anyProvisional(Math.min(first, last) + 1, Math.max(first, last));
    return { count, provisional };
  }

  deadlineAfter(start: InstantInput, workingDays: number): Deadline {
    const { date, provisional } = this.addWorkingDaysDetailed(shanghaiDateOf(start), workingDays);
    return { due: endOfShanghaiDay(date), date, provisional };
  }
}

/**
 * Builds a working calendar from national notices and optional regional override layers (applied in order,
 * after the national data: regional entries win). Refuses the whole input with CalendarDataError on any
 * validation issue, so a calendar is never built from part of the data.
 */
export function createWorkingCalendar(data: CalendarData, labels?: CalendarFileLabels): WorkingCalendar {
  const validated = validateCalendarData(data, labels);
  if (!validated.ok) throw new CalendarDataError(validated.issues);
  const { national, regional } = validated.value;
  const table = buildDayTable(national, regional);
  const noticeYears = national.map((notice) => notice.year).sort((a, b) => a - b);
  return new TableCalendar(table, Object.freeze(noticeYears));
}
