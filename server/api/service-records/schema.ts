import { z } from 'zod';
import { SERVICE_CHANNELS } from '../../../domain/evaluation/channels.ts';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../../domain/calendar/day-table.ts';
import { compactPhone, isPhoneNumber } from '../../../domain/fraud/phone.ts';

// Deadlines are counted from a 办件's times in working days (its rating window, the next working day after an
// overdue promise): a year short of the working calendar's last leaves them room to fall inside it.
const LAST_RECORD_YEAR = LAST_CALENDAR_YEAR - 1;
const instant = z.iso.datetime({ offset: true }).refine(
  (value) => {
    // The year in Beijing time, as the working calendar counts it.
    const year = new Date(Date.parse(value) + 8 * 60 * 60 * 1000).getUTCFullYear();
    return year >= FIRST_CALENDAR_YEAR && year <= LAST_RECORD_YEAR;
  },
  { message: `时间超出工作日历的范围：须在 ${FIRST_CALENDAR_YEAR} 年至 ${LAST_RECORD_YEAR} 年之间` },
);
const groupId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '编号只能含字母、数字、下划线和连字符');

export const serviceRecordSchema = z
  .strictObject({
    id: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '办件编号只能含字母、数字、下划线和连字符'),
    itemCode: z.string().trim().min(1).max(64),
    handlingDepartmentId: z.string().trim().min(1).max(64),
    institutionId: z.string().trim().min(1).max(64).optional(),
    platformId: z.string().trim().min(1).max(64).optional(),
    channel: z.enum(SERVICE_CHANNELS),
    acceptedAt: instant,
    promisedAt: instant.optional(),
    completedAt: instant.optional(),
    // The applicant's phone, for the art. 10 reminder SMS; stored encrypted, shown masked.
    applicant: z
      .strictObject({
        phone: z.string().max(64).transform(compactPhone).refine(isPhoneNumber, '电话号码格式不正确'),
      })
      .optional(),
    // art. 9: a batch (2+ 办件 of one item in one application) is rated once for all of them; a theme's
    // 办件 are rated overall or one by one.
    batchId: groupId.optional(),
    themeId: groupId.optional(),
  })
  .refine((record) => !(record.batchId && record.themeId), {
    message: '批量业务与主题式业务不能同时填写',
    path: ['themeId'],
  });

export type ServiceRecordInput = z.infer<typeof serviceRecordSchema>;

/** POST /api/service-records/:id/completion: a 办件 registered before it was completed is completed now. */
export const completionSchema = z.strictObject({ completedAt: instant });

export const serviceRecordIdSchema = z.string().trim().min(1).max(64);
