import { z } from 'zod';
import { SERVICE_CHANNELS } from '../../../domain/evaluation/channels.ts';

const instant = z.iso.datetime({ offset: true });

export const serviceRecordSchema = z.strictObject({
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
});

export type ServiceRecordInput = z.infer<typeof serviceRecordSchema>;
