// The events the 12345 hotline posts to our webhook (docs/hotline-contract.md). The result of a return
// visit is checked apart from the shape, so an unknown value gets its own error id.
import { z } from 'zod';

const workOrderRef = {
  workOrderNumber: z.string().trim().min(1).max(64),
  /** Our case id, as we sent it with the work order. */
  externalReference: z.string().trim().min(1).max(64),
};

const envelope = {
  id: z.string().trim().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
};

export const hotlineEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...envelope,
    type: z.literal('work-order.status'),
    data: z.object({
      ...workOrderRef,
      status: z.string().trim().min(1).max(32),
      note: z.string().max(2000).optional(),
    }),
  }),
  z.object({
    ...envelope,
    type: z.literal('return-visit.recorded'),
    data: z.object({
      ...workOrderRef,
      result: z.string().trim().min(1).max(32),
      note: z.string().max(2000).default(''),
    }),
  }),
]);

export type HotlineEvent = z.infer<typeof hotlineEventSchema>;
