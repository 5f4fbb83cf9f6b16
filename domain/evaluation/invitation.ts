// art. 10 of the Xi'an measures as the system applies it: the invitation to rate a completed 办件
// (processes/evaluation-invitation.bpmn), and when a 办件 that is not completed may be rated.
// Pure: the working calendar comes in; no engine, no database.
import { SMS_REPLY_SCALE } from './sms-reply.ts';
import { createXianRatingWindow } from '../calendar/rating-window.ts';
import { shanghaiDateText } from '../calendar/shanghai-time.ts';
import { DomainError } from '../errors.ts';
import type { WorkingCalendar } from '../calendar/types.ts';
import type { ServiceChannel } from './channels.ts';

export const INVITATION_PROCESS_KEY = 'evaluation-invitation';

/** The note a start order is closed with when its 办件 was rated first: no invitation was started. */
export const START_SKIPPED_AS_RATED = 'already rated';

/** The outbox key of a 办件's one order to start its invitation. */
export function startOrderKey(serviceRecordId: string): string {
  return `start-invitation:${serviceRecordId}`;
}
/** The message that tells a waiting invitation that its 办件 was rated (Message_EvaluationReceived). */
export const EVALUATION_RECEIVED_MESSAGE = 'evaluation-received';

export interface InvitationSchedule {
  /**
   * completedAt + 24 h: the reminder SMS, when no rating came; for a 办件 whose completion was reported later
   * than that, the moment it is scheduled (art. 10 gives 5 working days after the reminder, however late).
   */
  reminderAt: Date;
  /** End of the 5th working day after the reminder's date: after it, 未评. */
  windowClosesAt: Date;
  /** The window reaches into a year whose holiday notice is not loaded. */
  windowProvisional: boolean;
}

/**
 * The schedule of a 办件 completed at `completedAt`, scheduled at `scheduledAt` (when the
 * schedule is computed, soon after its completion reached us). A completion reported more than 24 hours late is reminded at once, and its window counted from then: a
 * window counted from the completion would give the rater fewer than five working days, or none, and record
 * 未评 without any reminder.
 */
export function invitationSchedule(
  calendar: WorkingCalendar,
  completedAt: Date,
  scheduledAt: Date = completedAt,
): InvitationSchedule {
  const window = createXianRatingWindow(calendar);
  const due = window.reminderDueAt(completedAt).at.toJSDate();
  const reminderAt = scheduledAt.getTime() > due.getTime() ? scheduledAt : due;
  const closes = window.ratingWindowClosesAt(reminderAt);
  return {
    reminderAt,
    windowClosesAt: closes.at.toJSDate(),
    windowProvisional: closes.provisional,
  };
}

/**
 * The window of a stored schedule under the calendar in force now, when a holiday notice loaded since
 * changes it (another day, or the same day now certain); else undefined. Only a provisional window can
 * change: one counted within loaded years is final. The reminder (24 clock hours) never moves. Once the
 * reminder SMS has told the rater the window's end (`remindedAt`), a notice may lengthen the window but never
 * shorten it: a make-up working day inside it leaves the date the rater was given.
 */
export function recomputedWindow(
  calendar: WorkingCalendar,
  stored: Pick<InvitationSchedule, 'reminderAt' | 'windowClosesAt' | 'windowProvisional'> & {
    remindedAt: Date | null;
  },
): Pick<InvitationSchedule, 'windowClosesAt' | 'windowProvisional'> | undefined {
  if (!stored.windowProvisional) return undefined;
  const closes = createXianRatingWindow(calendar).ratingWindowClosesAt(stored.reminderAt);
  const counted = closes.at.toJSDate();
  const told = stored.remindedAt !== null && counted.getTime() < stored.windowClosesAt.getTime();
  const next = {
    windowClosesAt: told ? stored.windowClosesAt : counted,
    windowProvisional: closes.provisional,
  };
  const unchanged =
    next.windowClosesAt.getTime() === stored.windowClosesAt.getTime() && next.windowProvisional;
  return unchanged ? undefined : next;
}

/**
 * The window of a reminder sent later than scheduled — the engine or the database was down when it fell due —
 * counted from when it is sent, when that ends later than the stored one; else undefined. art. 10 gives the
 * rater 5 working days after the reminder: one sent on the last of them, or after, would otherwise give fewer,
 * or none, and 未评 would follow at once (as invitationSchedule does for a completion reported late).
 */
export function windowOfLateReminder(
  calendar: WorkingCalendar,
  stored: Pick<InvitationSchedule, 'windowClosesAt'>,
  sentAt: Date,
): Pick<InvitationSchedule, 'windowClosesAt' | 'windowProvisional'> | undefined {
  const closes = createXianRatingWindow(calendar).ratingWindowClosesAt(sentAt);
  const counted = closes.at.toJSDate();
  if (counted.getTime() <= stored.windowClosesAt.getTime()) return undefined;
  return { windowClosesAt: counted, windowProvisional: closes.provisional };
}

/**
 * The reminder SMS (art. 10: "提醒服务对象在5个工作日内进行评价"). No personal data in it. It links to the 办件's
 * rating page, its 评价码 in the address (the SMS goes to the applicant the handling system named). When the
 * SMS gateway passes replies back to us (SMS_INBOUND_TOKEN set), it says how to rate by replying.
 */
export function reminderSms(
  serviceRecordId: string,
  windowClosesAt: Date,
  { repliesAccepted = false, ratingUrl }: { repliesAccepted?: boolean; ratingUrl?: string } = {},
): string {
  return (
    `【好差评】您的办件（${serviceRecordId}）已办结，欢迎对本次政务服务作出评价。` +
    (ratingUrl ? `评价请点击 ${ratingUrl} 。` : '') +
    (repliesAccepted ? SMS_REPLY_SCALE : '') +
    `请于${shanghaiDateText(windowClosesAt)}前评价，逾期记为“未评”。评价自愿，任何人不得强迫或干扰。`
  );
}

/**
 * art. 9: 「全程网办、自助终端办理的事项，服务对象在事项办结后可进行1次评价」 — the online hall, the app and the hotline
 * too: art. 3 counts 业务系统、热线电话平台、移动服务端、自助服务端 all as the 网上政务服务平台, and a service taken
 * remotely is judged by its outcome. Only a window visit is rated at once.
 */
const RATED_ONCE_COMPLETED: readonly ServiceChannel[] = [
  'online',
  'mobile',
  'self-service-terminal',
  'hotline',
];

export interface RateabilityFacts {
  /** How the 办件 was handled: online, on the app or at a self-service terminal it is rated once completed. */
  serviceChannel: ServiceChannel;
  acceptedAt: Date;
  completedAt: Date | null;
  promisedAt: Date | null;
  /** The end of its rating window, once its invitation was scheduled (art. 10); null before. */
  ratingWindowClosesAt: Date | null;
  /** 未评 was recorded: the window ended without a rating. */
  recordedUnrated: boolean;
}

/**
 * Was `at` after the rating window that ends at `closesAt`, its last second (23:59:59 of the fifth working
 * day) whole: a rating at 23:59:59.5 is in time. The ledger's own check compares the same way
 * (migrations/20261209100000).
 */
export function isAfterRatingWindow(closesAt: Date, at: Date): boolean {
  return Math.floor(at.getTime() / 1000) * 1000 > closesAt.getTime();
}

/**
 * How far a reporting system's clock may run ahead of ours: its 办件 accepted or completed "now" is taken as
 * past (service-record registration), and a rating this close before the acceptance is not "before" it.
 */
export const REPORTING_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * art. 10: a 办件 whose rating window had closed when it was rated takes no rating: evaluation.window_closed
 * (未评 recorded or not). Nor does it before it was accepted: evaluation.rated_before_accepted (a paper form
 * dated a year too early). A completed 办件 may be rated, and so may a window visit at once, promised deadline
 * or not (art. 9: "每到窗口接受一次服务即可进行1次评价"). A 办件 handled online, on the mobile app, at a
 * self-service terminal or by the hotline is rated once completed (art. 9: "在事项办结后可进行1次评价"), or, not completed
 * within its promised time, from the next working day after the promised deadline (art. 10, second
 * paragraph). Throws evaluation.not_yet_rateable, naming the moment it becomes rateable when there is one.
 */
export function checkRateable(calendar: WorkingCalendar, facts: RateabilityFacts, now: Date): void {
  // art. 10, first paragraph: past the 5 working days after the reminder, the 办件 is 未评 and takes no rating.
  // A rating given within them and entered later (a paper form dated on the spot, a partner's rating sent on
  // late) counts though 未评 was recorded meanwhile: the rater did rate in time.
  const closes = facts.ratingWindowClosesAt;
  if (closes ? isAfterRatingWindow(closes, now) : facts.recordedUnrated) {
    throw new DomainError('evaluation.window_closed', {
      ...(closes ? { windowClosesAt: closes.toISOString() } : {}),
      recordedUnrated: facts.recordedUnrated,
    });
  }
  if (now.getTime() < facts.acceptedAt.getTime() - REPORTING_CLOCK_SKEW_MS) {
    throw new DomainError('evaluation.rated_before_accepted', { acceptedAt: facts.acceptedAt.toISOString() });
  }
  // Completed by the time of the rating (a paper form may be dated before the 办件 was completed).
  if (facts.completedAt && facts.completedAt.getTime() <= now.getTime()) return;
  if (!RATED_ONCE_COMPLETED.includes(facts.serviceChannel)) return;
  if (!facts.promisedAt) {
    throw new DomainError('evaluation.not_yet_rateable', { serviceChannel: facts.serviceChannel });
  }
  const from = createXianRatingWindow(calendar).rateableFrom(facts.promisedAt);
  if (now.getTime() < from.at.toMillis()) {
    throw new DomainError('evaluation.not_yet_rateable', {
      promisedAt: facts.promisedAt.toISOString(),
      rateableFrom: from.at.toISO(),
      provisional: from.provisional,
    });
  }
}
