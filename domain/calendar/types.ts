// Data shapes of the calendar files (calendars/schema.json describes the same shapes for editors and reviewers)
// and of the working calendar built from them.
import type { DateTime } from 'luxon';
import type { IsoDate } from './iso-date.ts';

export type { IsoDate } from './iso-date.ts';

/** The State Council document a notice file transcribes. */
export interface NoticeReference {
  /** e.g. 国务院办公厅关于2026年部分节假日安排的通知 */
  title: string;
  /** Document number, e.g. 国办发明电〔2025〕7号; omitted when not known for certain. */
  number?: string;
  /** Publication date, when known. */
  published?: IsoDate;
  url?: string;
}

/** A block of days off, both ends included (放假调休 from … to …). */
export interface HolidayPeriod {
  /** The festival(s) as the notice names them, e.g. 春节, 中秋节、国庆节 */
  name: string;
  from: IsoDate;
  to: IsoDate;
}

/** A weekend day that the notice turns into a working day (调休上班). */
export interface MakeupWorkday {
  date: IsoDate;
  /** The holiday period it pays for; must equal the name of a holiday in the same file. */
  for: string;
}

/** One year's national notice: calendars/cn/<year>.json */
export interface NoticeFile {
  region: 'cn';
  year: number;
  notice: NoticeReference;
  /** Later notices that changed this year's arrangement (e.g. 国办发明电〔2020〕1号 extended 春节 2020). */
  amendments?: NoticeReference[];
  holidays: HolidayPeriod[];
  makeupWorkdays: MakeupWorkday[];
}

/** A local day off that the national notice does not have. */
export interface RegionalDayOff {
  from: IsoDate;
  to: IsoDate;
  reason: string;
  /** The local document or announcement that decided it. */
  source: string;
}

/** A local working day on a day the national calendar has off. */
export interface RegionalWorkday {
  date: IsoDate;
  reason: string;
  source: string;
}

/** A regional override layer: calendars/regions/<region>.json */
export interface RegionFile {
  /** Lower-case id, equal to the file name, e.g. xian */
  region: string;
  /** Name for people, e.g. 西安市 */
  name: string;
  description: string;
  daysOff: RegionalDayOff[];
  workdays: RegionalWorkday[];
}

export interface CalendarData {
  national: readonly NoticeFile[];
  regional?: readonly RegionFile[];
}

/** Where a day's status comes from. */
export type DayRule =
  | 'weekday'
  | 'weekend'
  | 'notice-holiday'
  | 'notice-makeup-workday'
  | 'statutory-holiday'
  | 'regional-day-off'
  | 'regional-workday';

export interface DayStatus {
  working: boolean;
  /**
   * True when the day's year has no national notice loaded, or the day is from 25 December of a year whose next
   * notice is not loaded (it may still decide it): the answer may change when that notice is.
   */
  provisional: boolean;
}

export interface DayExplanation extends DayStatus {
  date: IsoDate;
  rule: DayRule;
  /** Holiday name, or the reason of a regional entry. */
  label?: string;
}

export interface CountResult {
  date: IsoDate;
  provisional: boolean;
}

export interface BetweenResult {
  count: number;
  provisional: boolean;
}

export interface Deadline {
  /** 23:59:59 of the due day, zone Asia/Shanghai. */
  due: DateTime;
  date: IsoDate;
  provisional: boolean;
}

/** An instant: a luxon DateTime, a JS Date, or an ISO 8601 string (without offset = Shanghai wall time). */
export type InstantInput = DateTime | Date | string;

export interface WorkingCalendar {
  /** Years whose national notice is loaded, ascending. */
  readonly noticeYears: readonly number[];
  /** First and last day the calendar answers for. */
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
  isWorkingDay(date: IsoDate): boolean;
  isWorkingDayDetailed(date: IsoDate): DayStatus;
  explainDay(date: IsoDate): DayExplanation;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The n-th working day after `date` (never `date` itself); n = 0: `date` if working, else the next one. */
  addWorkingDays(date: IsoDate, workingDays: number): IsoDate;
  addWorkingDaysDetailed(date: IsoDate, workingDays: number): CountResult;
  /** Working days d with a < d ≤ b; negative (−between(b, a)) when b is before a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
  workingDaysBetweenDetailed(a: IsoDate, b: IsoDate): BetweenResult;
  /** End (23:59:59 +08:00) of the n-th working day after the Shanghai date of `start`. */
  deadlineAfter(start: InstantInput, workingDays: number): Deadline;
}
