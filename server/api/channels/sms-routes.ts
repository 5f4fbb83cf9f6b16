// POST /api/sms/inbound: the SMS gateway forwards a reply to the reminder (art. 10, 13) as { from, text }, with
// its token (SMS_INBOUND_TOKEN) as `authorization: Bearer …`. The reply's first digit is the level on the GB/T
// 39046 scale the reminder announces (domain/evaluation/sms-reply.ts); it rates the 办件 of that applicant phone
// reminded last, while it is unrated and its window open (infra/stores/sms-reply-store.ts); a theme's reminder
// is answered with the theme's overall rating (art. 9). No such 办件: 404;
// another reminded 办件 of the phone unrated too: 409 and the rater is told to use the links. Nothing is stored
// then. The sender's phone is kept encrypted as the rater's, so a 差评 can be answered (art. 17).
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import {
  readSmsReply,
  SMS_BAD_REVIEW_NEEDS_TEXT,
  SMS_REPLY_AMBIGUOUS,
  SMS_REPLY_UNREADABLE,
} from '../../../domain/evaluation/sms-reply.ts';
import { checkBadReviewContent } from '../../../domain/evaluation/rules.ts';
import { applicantOfServiceRecord, enqueueNotification } from '../../../infra/notifications/outbox.ts';
import { keyHash, keyMatches } from '../../../infra/channel-keys.ts';
import { smsReplyTarget, type SmsReplyTarget } from '../../../infra/stores/sms-reply-store.ts';
import { smsInboundSchema } from './schema.ts';
import { answerRetry, retryCheckOf, submitRating, type ChannelRouteDeps } from './submit.ts';
import { ratingOfRetry } from '../../../infra/stores/rating-retries.ts';
import type { Db } from '../../../infra/db.ts';

export interface SmsRouteDeps extends ChannelRouteDeps {
  db: Db;
  protector: { decrypt(stored: string): string; lookupHash(value: string): string };
  clock: () => Date;
  /** SMS_INBOUND_TOKEN; unset: every call is refused. */
  smsInboundToken?: string | undefined;
}

/**
 * The reply's level and text. One that cannot be read is refused (sms.unreadable_reply), and the rater of the
 * 办件 it answers is told once how to reply (the gateway only hears the refusal).
 */
async function readOrTell(db: Db, text: string, target: SmsReplyTarget) {
  try {
    return readSmsReply(text);
  } catch (error: unknown) {
    if (target.kind === 'one') {
      await enqueueNotification(db, {
        channel: 'sms',
        to: applicantOfServiceRecord(target.serviceRecordId),
        subject: '短信回复无法识别',
        body: SMS_REPLY_UNREADABLE,
        caseId: null,
        idempotencyKey: `sms-reply-unreadable:${target.serviceRecordId}`,
      });
    }
    throw error;
  }
}

export function smsInboundRoutes(deps: SmsRouteDeps): Router {
  const tokenHash = deps.smsInboundToken ? keyHash(deps.smsInboundToken) : undefined;
  const router = Router();
  router.post('/sms/inbound', async (request, response) => {
    const presented = /^Bearer (.+)$/.exec(request.get('authorization') ?? '')?.[1];
    if (!keyMatches(presented, tokenHash)) throw new DomainError('sms.unauthorized');
    const input = smsInboundSchema.parse(request.body);
    const target = await smsReplyTarget(
      deps.db,
      (stored) => deps.protector.decrypt(stored),
      input.from,
      deps.clock(),
    );
    const reply = await readOrTell(deps.db, input.text, target);
    const rating = (serviceRecordId: string, scope: 'item' | 'theme') => ({
      serviceRecordId,
      target: 'service' as const,
      scope,
      channel: 'sms' as const,
      level: reply.level,
      tags: [],
      text: reply.text,
      realName: false,
      rater: { phone: input.from },
    });
    // The gateway delivering a reply again is answered with the rating it stored, found by its sender's phone.
    const retry = retryCheckOf(deps);
    if (target.kind === 'none') {
      // The gateway delivering the reply that rated them again: answered with that rating, as the first time.
      const stored = target.rated
        ? await ratingOfRetry(retry.db, target.rated, rating(target.rated[0]!, 'item'), retry.lookupHash, {
            anyScope: true,
          })
        : undefined;
      if (stored) return answerRetry(response, stored);
      throw new DomainError('sms.no_waiting_invitation');
    }
    if (target.kind === 'several') {
      // Told once per set of 办件; the links in their reminders say which 办件 each rates.
      const [latest] = target.serviceRecordIds;
      await enqueueNotification(deps.db, {
        channel: 'sms',
        to: applicantOfServiceRecord(latest!),
        subject: '短信回复无法确定办件',
        body: SMS_REPLY_AMBIGUOUS,
        caseId: null,
        idempotencyKey: `sms-reply-ambiguous:${[...target.serviceRecordIds].sort().join(',')}`,
      });
      throw new DomainError('sms.several_waiting_invitations', { waiting: target.serviceRecordIds.length });
    }
    const { serviceRecordId, scope } = target;
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
    await submitRating(deps, rating(serviceRecordId, scope), response, retry);
  });
  return router;
}
