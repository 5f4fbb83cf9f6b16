import { z } from 'zod';

/**
 * The body is the calendar file itself (a notice like calendars/cn/2027.json, or a regional layer like
 * calendars/regions/xian.json). Its content is checked by the calendar's own validation, which names the
 * day and the rule of every problem, rather than by a second, weaker schema here.
 */
export const noticeFileBody = z.unknown();
