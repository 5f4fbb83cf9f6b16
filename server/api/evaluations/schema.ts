import { z } from 'zod';
import { EVALUATION_CHANNELS } from '../../../domain/evaluation/channels.ts';

export const evaluationSchema = z.strictObject({
  serviceRecordId: z.string().trim().min(1).max(64),
  target: z.enum(['service', 'platform']).default('service'),
  // art. 9: 'theme' is the overall rating of the 办件's theme, applying to every linked 办件.
  scope: z.enum(['item', 'theme']).default('item'),
  channel: z.enum(EVALUATION_CHANNELS),
  // Checked against the five levels by the intake, so an unknown level gets its own error id.
  level: z.string(),
  tags: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
  text: z.string().max(2000).default(''),
  realName: z.boolean().default(false),
  rater: z
    .strictObject({
      name: z.string().trim().max(64).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9-]{5,20}$/, '电话号码格式不正确')
        .optional(),
    })
    .optional(),
});

export type EvaluationRequest = z.infer<typeof evaluationSchema>;
