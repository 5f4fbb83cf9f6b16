// POST /api/sms/inbound: the SMS gateway forwards a reply to the reminder (art. 10, 13) as
// { from, text }, with its token (SMS_INBOUND_TOKEN) as `authorization: Bearer …`. The reply's first digit
// is the level on the GB/T 39046 scale the reminder announces (domain/evaluation/sms-reply.ts); it rates
// the 办件 of that applicant phone reminded last whose invitation is still waiting
// (infra/stores/sms-reply-store.ts). No such 办件: 404 and nothing is stored. The sender's phone is kept encrypted as the rater's, so a 差评 can be answered (art. 17).
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { readSmsReply, SMS_BAD_REVIEW_NEEDS_TEXT } from '../../../domain/evaluation/sms-reply.ts';
import { checkBadReviewContent } from '../../../domain/evaluation/rules.ts';
import { applicantOfServiceRecord, enqueueNotification } from '../../../infra/notifications/outbox.ts';
import { keyHash, keyMatches } from '../../../infra/channel-keys.ts';
import { waitingServiceRecordOfPhone } from '../../../infra/stores/sms-reply-store.ts';
import { smsInboundSchema } from './schema.ts';
import { submitRating, type ChannelRouteDeps } from './submit.ts';
import type { Db } from '../../../infra/db.ts';

export interface SmsRouteDeps extends ChannelRouteDeps {
  db: Db;
  protector: { decrypt(stored: string): string };
  clock: () => Date;
  /** SMS_INBOUND_TOKEN; unset: every call is refused. */
  smsInboundToken?: string | undefined;
}

export function smsInboundRoutes(deps: SmsRouteDeps): Router {
  const tokenHash = deps.smsInboundToken ? keyHash(deps.smsInboundToken) : undefined;
  const router = Router();
  router.post('/sms/inbound', async (request, response) => {
    const presented = /^Bearer (.+)$/.exec(request.get('authorization') ?? '')?.[1];
    if (!keyMatches(presented, tokenHash)) throw new DomainError('sms.unauthorized');
    const input = smsInboundSchema.parse(request.body);
    const reply = readSmsReply(input.text);
    const serviceRecordId = await waitingServiceRecordOfPhone(
      deps.db,
      (stored) => deps.protector.decrypt(stored),
      input.from,
      deps.clock(),
    );
    if (!serviceRecordId) throw new DomainError('sms.no_waiting_invitation');
    // art. 8: a 差评 needs content, and an SMS cannot show the tags. The rater is told once per 办件 how to add
    // text (the gateway only hears the refusal); a second bare digit is refused without another message.
    // The intake's own rule (text that shows nothing is no text), asked before the rating is submitted.
    try {
      checkBadReviewContent(reply.level, [], reply.text);
    } catch (error: unknown) {
      await enqueueNotification(deps.db, {
        channel: 'sms',
        to: applicantOfServiceRecord(serviceRecordId),
        subject: '差评须说明原因',
        body: SMS_BAD_REVIEW_NEEDS_TEXT,
        caseId: null,
        idempotencyKey: `sms-reply-needs-text:${serviceRecordId}`,
      });
      throw error;
    }
    await submitRating(
      deps,
      {
        serviceRecordId,
        target: 'service',
        channel: 'sms',
        level: reply.level,
        tags: [],
        text: reply.text,
        realName: false,
        rater: { phone: input.from },
      },
      response,
    );
  });
  return router;
}
