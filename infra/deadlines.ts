// The working-day calendar as the deadline calculator that workers and the server use.
import { createWorkingCalendar } from '../domain/calendar/index.ts';
import { loadCalendarFiles } from './calendar-files.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { DeadlineCalculator } from '../domain/case/sla-policy.ts';
import type { CalendarSource } from './calendar-provider.ts';

/** The calendar of the calendars/ files alone (no notices loaded at runtime): for tools and benchmarks. */
export function loadWorkingCalendar(dir?: string): WorkingCalendar {
  const files = loadCalendarFiles(dir);
  return createWorkingCalendar(files, files.labels);
}

/**
 * A fixed calendar (tests, tools) or a source that can change while the process runs (the provider of
 * infra/calendar-provider.ts, asked at every count, so a notice loaded at runtime counts from then on).
 */
export function deadlineCalculator(calendars: WorkingCalendar | CalendarSource): DeadlineCalculator {
  const current = 'current' in calendars ? () => calendars.current() : () => Promise.resolve(calendars);
  return {
    async deadlineAfter(start, workingDays) {
      const deadline = (await current()).deadlineAfter(start, workingDays);
      return { due: deadline.due.toJSDate(), provisional: deadline.provisional };
    },
  };
}
