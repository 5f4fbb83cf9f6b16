// Recomputing a stage's due date when the working calendar changes (a holiday notice loaded at runtime).
// Only a due date counted provisionally can change: one counted within loaded years is final (README of
// calendars/, rule 8), so a clock that was not provisional is never touched.
import type { Deadline } from './sla-policy.ts';

export interface ClockToRecompute {
  startedAt: Date;
  workingDays: number;
  dueAt: Date;
  provisional: boolean;
}

/** The new due date when the calendar gives another one (or the same one, now certain); else undefined. */
export function recomputedDeadline(
  clock: ClockToRecompute,
  deadlineAfter: (start: Date, workingDays: number) => Deadline,
): Deadline | undefined {
  if (!clock.provisional) return undefined;
  const next = deadlineAfter(clock.startedAt, clock.workingDays);
  const unchanged = next.due.getTime() === clock.dueAt.getTime() && next.provisional === clock.provisional;
  return unchanged ? undefined : next;
}
