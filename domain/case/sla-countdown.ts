// The task list's countdown: working days left until a task's due date, and the colour that goes with it.
// Due dates are the end of a working day in Asia/Shanghai (the policy's deadlines), so counting whole
// working days between Shanghai dates is exact.
import { shanghaiDateOf } from '../calendar/shanghai-time.ts';
import type { WorkingCalendar } from '../calendar/types.ts';

export type CountdownState = 'on-track' | 'at-risk' | 'overdue';

export interface SlaCountdown {
  state: CountdownState;
  /** Working days after today up to and including the due day; 0: due today; negative: overdue by that many. */
  workingDaysLeft: number;
}

/** At risk: due today or on the next working day. */
export const AT_RISK_WORKING_DAYS = 1;

export function slaCountdown(calendar: WorkingCalendar, due: Date, now: Date): SlaCountdown {
  const today = shanghaiDateOf(now);
  const dueDay = shanghaiDateOf(due);
  if (now.getTime() > due.getTime()) {
    return { state: 'overdue', workingDaysLeft: -Math.max(1, calendar.workingDaysBetween(dueDay, today)) };
  }
  const left = calendar.workingDaysBetween(today, dueDay);
  return { state: left <= AT_RISK_WORKING_DAYS ? 'at-risk' : 'on-track', workingDaysLeft: left };
}

/**
 * The instants that split due dates into the three states at `now`: due before `now` is overdue; due before
 * `atRiskUntil` (the end of the next working day) is at risk; later is on track.
 */
export function countdownBoundaries(calendar: WorkingCalendar, now: Date): { now: Date; atRiskUntil: Date } {
  const deadline = calendar.deadlineAfter(now, AT_RISK_WORKING_DAYS);
  return { now, atRiskUntil: new Date(deadline.due.toMillis() + 1000) };
}
