// The working-day calendar from calendars/, as the deadline calculator that workers and the server use.
import { createWorkingCalendar } from '../domain/calendar/index.ts';
import { loadCalendarFiles } from './calendar-files.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { DeadlineCalculator } from '../domain/case/sla-policy.ts';

export function loadWorkingCalendar(dir?: string): WorkingCalendar {
  const files = loadCalendarFiles(dir);
  return createWorkingCalendar(files, files.labels);
}

export function deadlineCalculator(calendar: WorkingCalendar): DeadlineCalculator {
  return {
    deadlineAfter(start, workingDays) {
      const deadline = calendar.deadlineAfter(start, workingDays);
      return { due: deadline.due.toJSDate(), provisional: deadline.provisional };
    },
  };
}
