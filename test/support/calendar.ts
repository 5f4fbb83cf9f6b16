// The calendar of the calendars/ files, as the intake and the workers ask for it (no notices loaded).
import { loadWorkingCalendar } from '../../infra/deadlines.ts';
import type { WorkingCalendar } from '../../domain/calendar/index.ts';

let shipped: WorkingCalendar | undefined;

export function shippedCalendar(): Promise<WorkingCalendar> {
  shipped ??= loadWorkingCalendar();
  return Promise.resolve(shipped);
}
