import { z } from 'zod';
import { EVALUATION_CHANNELS } from '../../../domain/evaluation/channels.ts';
import { EVALUATION_LEVELS } from '../../../domain/evaluation/levels.ts';
import { compactPhone, isPhoneNumber } from '../../../domain/fraud/phone.ts';

// art. 7: each of the four contents optionally rated on the five levels.
const dimensionLevel = z.enum(EVALUATION_LEVELS).optional();

/** A real-name rater's contact (art. 11, 18): what they left for the return visit and the answer. */
export const raterContactSchema = z.strictObject({
  name: z.string().trim().max(64).optional(),
  phone: z.string().max(64).transform(compactPhone).refine(isPhoneNumber, '电话号码格式不正确').optional(),
});

export const evaluationSchema = z.strictObject({
  serviceRecordId: z.string().trim().min(1).max(64),
  // The 评价码 on the 办件's receipt (domain/evaluation/rating-code.ts); checked by the route, not here, so
  // that a missing and a wrong code get the same answer.
  ratingCode: z.string().max(32).optional(),
  target: z.enum(['service', 'platform']).default('service'),
  // art. 9: 'theme' is the overall rating of the 办件's theme, applying to every linked 办件.
  scope: z.enum(['item', 'theme']).default('item'),
  // Only qr-code is taken here (routes.ts); the others are named so their refusal can say where to go.
  channel: z.enum(EVALUATION_CHANNELS).default('qr-code'),
  // Checked against the five levels by the intake, so an unknown level gets its own error id.
  level: z.string(),
  dimensions: z
    .strictObject({
      attitude: dimensionLevel,
      quality: dimensionLevel,
      efficiency: dimensionLevel,
      environment: dimensionLevel,
    })
    .optional(),
  tags: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
  text: z.string().max(2000).default(''),
  realName: z.boolean().default(false),
  // art. 23: where the rating came from, for the fraud signals; never shown back.
  device: z
    .strictObject({
      id: z.string().trim().min(1).max(128).optional(),
      ip: z.union([z.ipv4(), z.ipv6()]).optional(),
      account: z.string().trim().min(1).max(128).optional(),
    })
    .optional(),
  rater: raterContactSchema.optional(),
});

export type EvaluationRequest = z.infer<typeof evaluationSchema>;
