// Rating time limits of art. 10 of the Xi'an measures (市政办函〔2021〕61号):
//   "网办事项办结24小时内未作出评价的，系统应以短信等方式提醒服务对象在5个工作日内进行评价。
//    超过5个工作日未评价的，系统记录为'未评'。对超出时限未办结的，服务对象可以在承诺时限下一个工作日后进行评价。"
// Every result says whether it is provisional (it depends on a year whose holiday notice is not loaded).
import type { DateTime } from 'luxon';
import { shanghaiDateOf, startOfShanghaiDay, toShanghaiDateTime } from './shanghai-time.ts';
import type { InstantInput, WorkingCalendar } from './types.ts';

export interface RatingWindowPolicy {
  /** Hours after completion without a rating before the reminder SMS goes out. */
  reminderDelayHours: number;
  /** Working days after the reminder's date during which the rating may still be given. */
  ratingWindowWorkingDays: number;
}

export const XIAN_RATING_POLICY: RatingWindowPolicy = Object.freeze({
  reminderDelayHours: 24,
  ratingWindowWorkingDays: 5,
});

export interface TimedResult {
  /** Zone Asia/Shanghai. */
  at: DateTime;
  provisional: boolean;
}

export interface RatingWindow {
  /** completedAt + 24 hours (clock hours, not working time). */
  reminderDueAt(completedAt: InstantInput): TimedResult;
  /** End (23:59:59 +08:00) of the 5th working day after the reminder's Shanghai date; later: 未评. */
  ratingWindowClosesAt(reminderAt: InstantInput): TimedResult;
  /** Start (00:00:00 +08:00) of the first working day after the promised deadline's Shanghai date. */
  rateableFrom(promisedDeadline: InstantInput): TimedResult;
}

export function createXianRatingWindow(
  calendar: WorkingCalendar,
  policy: RatingWindowPolicy = XIAN_RATING_POLICY,
): RatingWindow {
  return {
    reminderDueAt(completedAt) {
      const at = toShanghaiDateTime(completedAt).plus({ hours: policy.reminderDelayHours });
      return { at, provisional: false };
    },
    ratingWindowClosesAt(reminderAt) {
      const { due, provisional } = calendar.deadlineAfter(reminderAt, policy.ratingWindowWorkingDays);
      return { at: due, provisional };
    },
    rateableFrom(promisedDeadline) {
      // "承诺时限下一个工作日后" is read as: from the start of the next working day after the deadline's day.
      const { date, provisional } = calendar.addWorkingDaysDetailed(shanghaiDateOf(promisedDeadline), 1);
      return { at: startOfShanghaiDay(date), provisional };
    },
  };
}
