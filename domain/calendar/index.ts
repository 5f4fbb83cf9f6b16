// Working-day calendar of mainland China (State Council notices, statutory fallback, regional overrides),
// all in Asia/Shanghai. Pure domain code: no file I/O (see infra/calendar-files.ts), no engine, no database.
export * from './types.ts';
export * from './errors.ts';
export { createWorkingCalendar } from './working-calendar.ts';
export {
  createXianRatingWindow,
  XIAN_RATING_POLICY,
  type RatingWindowPolicy,
  type TimedResult,
} from './rating-window.ts';
export {
  validateCalendarData,
  validateNoticeFile,
  validateRegionFile,
  type CalendarFileLabels,
  type UncheckedCalendarData,
  type ValidCalendarData,
  type ValidationResult,
} from './validate.ts';
export {
  calendarFileKey,
  checkCalendarWithLoad,
  overlayCalendarData,
  readCalendarFile,
  type LabelledCalendarData,
  type LoadedCalendarFile,
} from './loaded-notices.ts';
export {
  statutoryDaysOff,
  holidayRuleVersionFor,
  HOLIDAY_RULE_VERSIONS,
  type StatutoryDayOff,
} from './statutory-holidays.ts';
export {
  lunarNewYear,
  lunarNewYearsEve,
  lunarToSolar,
  dragonBoatFestival,
  midAutumnFestival,
  qingmingDay,
} from './lunar.ts';
export {
  CALENDAR_ZONE,
  shanghaiDateOf,
  toShanghaiDateTime,
  endOfShanghaiDay,
  startOfShanghaiDay,
} from './shanghai-time.ts';
export { tryParseIsoDate, formatEpochDay, epochDayFromCivil } from './iso-date.ts';
export { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from './day-table.ts';
