// POST /api/evaluations: one rating. A 差评 opens a case whose process starts through the outbox; every
// rating tells its 办件's invitation (art. 10) to stop waiting, through the invitation outbox.
//
// The open API takes the QR page's ratings (channel qr-code) only; a claim of another channel is refused with
// the endpoint that proves it (domain/evaluation/channels.ts OPEN_API_CHANNELS). It needs the 办件's 评价码
// from its receipt (art. 11: a 办件 number alone is easy to guess); a missing or wrong code is 403
// evaluation.rating_code_invalid before anything is read, whether or not the 办件 exists, and after too many
// wrong ones from the client 429 evaluation.rating_code_attempts (rating-code-check.ts). The code of the
// reminder SMS's link is taken too, and its rating is stored with channel sms.
//
// art. 11 (nobody rates on a rater's behalf): a rating sent from a browser signed in as staff (a session
// cookie, live or expired) is refused, whoever it names; raters' own channels never carry one.
//
// A rating sent again after it was stored (its answer lost on a phone's dropped connection, and the rater
// pressing 提交评价 again) is answered 200 with the stored rating, as the device and partner channels are
// (../channels/submit.ts): the same 办件, 评价码 and content, and the same phone for a real-name rating. The code is
// the receipt's, which reopens that 办件's page, its answers link included, anyway.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { CHANNEL_ENDPOINTS, OPEN_API_CHANNELS } from '../../../domain/evaluation/channels.ts';
import { evaluationSchema } from './schema.ts';
import { requestDevice } from './request-device.ts';
import { assertNotStaff } from '../../auth/middleware.ts';
import { retryCheckOf, submitRating, type ChannelRouteDeps } from '../channels/submit.ts';
import { checkRatingCode, type RatingCodeCheckDeps } from './rating-code-check.ts';
import type { Db } from '../../../infra/db.ts';
import type { Protector } from '../../../infra/protector.ts';

export interface EvaluationRouteDeps extends ChannelRouteDeps, RatingCodeCheckDeps {
  db: Db;
  protector: RatingCodeCheckDeps['protector'] & Pick<Protector, 'lookupHash'>;
}

export function evaluationRoutes(deps: EvaluationRouteDeps): Router {
  const router = Router();
  router.post('/evaluations', async (request, response) => {
    assertNotStaff(response);
    const { ratingCode, ...input } = evaluationSchema.parse(request.body);
    if (!OPEN_API_CHANNELS.includes(input.channel)) {
      throw new DomainError('evaluation.channel_not_public', {
        channel: input.channel,
        endpoint: CHANNEL_ENDPOINTS[input.channel],
      });
    }
    const source = checkRatingCode(deps, request, input.serviceRecordId, ratingCode);
    if (!isEvaluationLevel(input.level))
      throw new DomainError('evaluation.unknown_level', { level: input.level });
    const device = requestDevice(request, input.channel, input.device);
    // The reminder SMS's link proves the SMS was the way in: stored as an SMS rating (短信), counted online.
    const channel = source === 'sms' ? 'sms' : input.channel;
    await submitRating(deps, { ...input, channel, level: input.level, device }, response, retryCheckOf(deps));
  });
  return router;
}
