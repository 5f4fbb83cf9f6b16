// Calendar errors: a stable id for machines, a Chinese message a person can act on.

/** Ids of problems found in calendar data files (validate.ts). */
export type CalendarIssueId =
  | 'calendar.invalid_json'
  | 'calendar.schema_violation'
  | 'calendar.malformed_date'
  | 'calendar.date_out_of_supported_range'
  | 'calendar.holiday_range_reversed'
  | 'calendar.date_outside_year'
  | 'calendar.holiday_overlap'
  | 'calendar.makeup_duplicate'
  | 'calendar.makeup_is_holiday'
  | 'calendar.makeup_not_weekend'
  | 'calendar.makeup_for_unknown_holiday'
  | 'calendar.duplicate_year'
  | 'calendar.notices_conflict'
  | 'calendar.file_name_mismatch'
  | 'calendar.duplicate_region'
  | 'calendar.region_duplicate_day'
  | 'calendar.region_day_conflict';

export interface CalendarIssue {
  id: CalendarIssueId;
  /** Chinese, names the day (when there is one) and the rule. */
  message: string;
  /** The day concerned, 'YYYY-MM-DD' (or the text found, when it is not a date). */
  date?: string;
  /** JSON pointer into the file, e.g. /makeupWorkdays/1/date */
  path?: string;
  /** File name relative to the calendars directory, when the data came from a file. */
  file?: string;
}

/** Ids of errors in calls to the calendar (bad argument, out of range). */
export type CalendarUsageErrorId =
  'calendar.invalid_date' | 'calendar.out_of_range' | 'calendar.invalid_count' | 'calendar.invalid_instant';

export class CalendarUsageError extends Error {
  override readonly name = 'CalendarUsageError';
  constructor(
    readonly id: CalendarUsageErrorId,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when calendar data is refused; nothing of it has been applied. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
  readonly id = 'calendar.invalid_data';
  constructor(readonly issues: readonly CalendarIssue[]) {
    super(['日历数据未通过校验，未载入任何内容：', ...issues.map(formatIssue)].join('\n'));
  }
}

/** One line per issue: "cn/2026.json /makeupWorkdays/0/date：…（calendar.makeup_not_weekend）" */
export function formatIssue(issue: CalendarIssue): string {
  const where = [issue.file, issue.path].filter((part) => part !== undefined && part !== '').join(' ');
  return `${where === '' ? '' : `${where}：`}${issue.message}（${issue.id}）`;
}
