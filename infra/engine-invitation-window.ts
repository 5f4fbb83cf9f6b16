// Where an invitation's rating window (art. 10) lives in the engine, and moving it there when the calendar
// moved it. processes/evaluation-invitation.bpmn waits on two timers: the reminder (24 clock hours, never
// moved) and the window's end, Timer_RatingWindowClosed (timeDate ${windowClosesAt}). The window timer
// exists only once the reminder step ran; that step (workers/invitation-reminder.ts) hands the engine the
// window as stored at that moment, so before it only the database row needs the new date.
import { INVITATION_PROCESS_KEY } from '../domain/evaluation/invitation.ts';
import { formatEngineDate } from './engine-variables.ts';
import type { EngineClient } from './engine-rest.ts';
import { sameInstant } from './engine-deadlines.ts';

export const WINDOW_TIMER_ACTIVITY_ID = 'Timer_RatingWindowClosed';
export const REMINDER_TIMER_ACTIVITY_ID = 'Timer_RatingReminderDue';

export interface InvitationWindowMove {
  /** The invitation process is no longer running (rated or 未评): nothing left to move. */
  ended: boolean;
  /** In every running instance the window timer waits, or the reminder timer does (the reminder step
   * will hand the engine the stored window); false while a step between them runs. */
  reached: boolean;
  timersMoved: number;
}

/**
 * Sets the due date of the waiting window timer of a 办件's invitation. Idempotent: a timer that already
 * carries `closesAt` is left alone. Engine errors are thrown to the caller, which keeps the move for a retry.
 */
export async function moveInvitationWindow(
  engine: EngineClient,
  serviceRecordId: string,
  closesAt: Date,
): Promise<InvitationWindowMove> {
  const instances = await engine.processInstances({
    businessKey: serviceRecordId,
    processDefinitionKey: INVITATION_PROCESS_KEY,
  });
  if (instances.length === 0) return { ended: true, reached: false, timersMoved: 0 };
  let reached = true;
  let timersMoved = 0;
  for (const instance of instances) {
    const timers = await engine.jobs({
      processInstanceId: instance.id,
      activityId: WINDOW_TIMER_ACTIVITY_ID,
      timers: 'true',
    });
    for (const timer of timers) {
      if (sameInstant(timer.dueDate, closesAt)) continue;
      await engine.setJobDueDate(timer.id, formatEngineDate(closesAt));
      timersMoved += 1;
    }
    if (timers.length > 0) continue;
    const reminders = await engine.jobs({
      processInstanceId: instance.id,
      activityId: REMINDER_TIMER_ACTIVITY_ID,
      timers: 'true',
    });
    if (reminders.length === 0) reached = false;
  }
  return { ended: false, reached, timersMoved };
}
