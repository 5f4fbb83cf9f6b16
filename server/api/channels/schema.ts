import { z } from 'zod';
import { EVALUATION_LEVELS } from '../../../domain/evaluation/levels.ts';
import { raterContactSchema } from '../evaluations/schema.ts';

const dimensionLevel = z.enum(EVALUATION_LEVELS).optional();
const dimensions = z
  .strictObject({
    attitude: dimensionLevel,
    quality: dimensionLevel,
    efficiency: dimensionLevel,
    environment: dimensionLevel,
  })
  .optional();
const tags = z.array(z.string().trim().min(1).max(64)).max(20).default([]);
const text = z.string().max(2000).default('');

/** A window device's rating (评价器, art. 12): the 办件 number from the receipt and the rater's choice. */
export const deviceRatingSchema = z.strictObject({
  serviceRecordId: z.string().trim().min(1).max(64),
  // Checked against the five levels by the route, so an unknown level gets its own error id.
  level: z.string(),
  dimensions,
  tags,
  text,
});

/**
 * A partner platform's rating in the provincial interface's terms (art. 13): satisfaction and channel
 * codes from its code tables (domain/evaluation/code-tables.ts), mapped before the intake sees them.
 */
export const partnerRatingSchema = z.strictObject({
  serviceRecordId: z.string().trim().min(1).max(64),
  target: z.enum(['service', 'platform']).default('service'),
  // art. 9 主题式: `theme` is the theme's overall rating (of the service), applying to every item; else per item.
  scope: z.enum(['item', 'theme']).default('item'),
  satisfactionCode: z.union([z.string().trim().min(1).max(4), z.number().int()]),
  channelCode: z.union([z.string().trim().min(1).max(4), z.number().int()]),
  tags,
  text,
  // The rater's account on the partner platform, for the fraud signals (art. 23); never shown back.
  account: z.string().trim().min(1).max(128).optional(),
  // When the rater rated on the platform (GB/T 39046 评价时间), for a rating pushed later; else the time it arrives.
  ratedAt: z.iso.datetime({ offset: true }).optional(),
  // A rater who chose to rate by real name on the platform (art. 11), with the contact they left (art. 18).
  realName: z.boolean().default(false),
  rater: raterContactSchema.optional(),
});

/** An SMS reply as the gateway forwards it. */
export const smsInboundSchema = z.strictObject({
  from: z
    .string()
    .trim()
    .regex(/^\+?[0-9 -]{5,24}$/, '电话号码格式不正确'),
  text: z.string().max(1000),
});
