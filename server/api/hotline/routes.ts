// POST /api/hotline/webhook: what the 12345 hotline tells us about its work orders (art. 16, 18):
// status updates, and the result of the return visit, which continues the case's process as the message
// return-visit-result. Every call is signed over its raw body (docs/hotline-contract.md), so this router
// parses its own body and must be mounted before express.json. A refusal changes nothing, neither here
// nor in the engine; a redelivered event (same id) is answered 200 and not acted on twice.
import express, { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { RETURN_VISIT_MESSAGE, isReturnVisitResult } from '../../../domain/case/return-visit.ts';
import { isMessageNotAwaited } from '../../../infra/engine-rest.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../../infra/hotline/signature.ts';
import { isHotlineEventRecorded, recordHotlineEventOnce } from '../../../infra/stores/hotline-store.ts';
import { errorBody } from '../../errors.ts';
import { maskRaterContactIn } from '../../../infra/stores/rater-contact.ts';
import { unstorableTextRefusal } from '../../storable-text.ts';
import { hotlineEventSchema } from './schema.ts';
import type { HotlineEvent } from './schema.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';

export interface HotlineWebhookDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  /** Decrypts the case's rater contact, so an operator's note that names it is stored masked. */
  protector: { decrypt(stored: string): string };
  /** Unset: no hotline is configured, and every call is refused as unsigned. */
  hotlineSecret?: string | undefined;
}

interface CaseRow {
  id: string;
  status: string;
  hotline_work_order_number: string | null;
}

const caseIdSchema = z.uuid();

function authenticate(request: express.Request, body: Buffer, secret: string | undefined, now: Date): void {
  const check = secret
    ? verifySignature({
        secret,
        timestamp: request.get(TIMESTAMP_HEADER),
        signature: request.get(SIGNATURE_HEADER),
        body,
        now,
      })
    : 'bad-signature';
  if (check === 'bad-signature') throw new DomainError('hotline.bad_signature');
  if (check === 'stale-timestamp') throw new DomainError('hotline.stale_timestamp', { window: '±5 min' });
}

async function findCase(db: Db, event: HotlineEvent): Promise<CaseRow> {
  const reference = event.data.externalReference;
  const id = caseIdSchema.safeParse(reference);
  const found = id.success
    ? await db('cases')
        .where({ id: id.data })
        .first<CaseRow | undefined>('id', 'status', 'hotline_work_order_number')
    : undefined;
  if (!found) throw new DomainError('hotline.unknown_case', { externalReference: reference });
  if (found.hotline_work_order_number && found.hotline_work_order_number !== event.data.workOrderNumber) {
    throw new DomainError('hotline.work_order_mismatch', {
      workOrderNumber: event.data.workOrderNumber,
      caseId: found.id,
    });
  }
  return found;
}

export function hotlineWebhookRoutes({
  db,
  engine,
  clock,
  protector,
  hotlineSecret,
}: HotlineWebhookDeps): Router {
  const router = Router();

  /** A 12345 operator's note as the case keeps it: the rater's contact and any mobile number masked. */
  const maskedNote = async (caseId: string, note: string | undefined) =>
    note ? maskRaterContactIn(db, protector, caseId, note) : note;

  async function recordStatus(event: Extract<HotlineEvent, { type: 'work-order.status' }>, caseId: string) {
    await recordHotlineEventOnce(db, {
      caseId,
      eventId: event.id,
      kind: 'hotline-status',
      stage: 'hotline',
      detail: { ...event.data, note: await maskedNote(caseId, event.data.note) },
      occurredAt: new Date(event.occurredAt),
    });
  }

  async function recordReturnVisit(
    event: Extract<HotlineEvent, { type: 'return-visit.recorded' }>,
    found: CaseRow,
  ) {
    if (found.status === 'closed') throw new DomainError('hotline.case_closed', { caseId: found.id });
    const { result, workOrderNumber } = event.data;
    const note = await maskedNote(found.id, event.data.note);
    // The engine call sits inside the transaction: if no execution waits for the message, the event is
    // not recorded either, and the hotline may send it again once the case is ready for it.
    await db.transaction(async (trx) => {
      const first = await recordHotlineEventOnce(trx, {
        caseId: found.id,
        eventId: event.id,
        kind: 'return-visit-reported',
        stage: 'return-visit',
        detail: { workOrderNumber, result, note, source: 'hotline' },
        occurredAt: new Date(event.occurredAt),
      });
      if (!first) return;
      try {
        await engine.correlateMessage(RETURN_VISIT_MESSAGE, found.id, {
          returnVisitResult: result,
          returnVisitNote: note,
          returnVisitSource: 'hotline',
        });
      } catch (error: unknown) {
        if (isMessageNotAwaited(error)) {
          throw new DomainError('hotline.return_visit_not_awaited', { caseId: found.id });
        }
        throw error;
      }
    });
  }

  router.post(
    '/hotline/webhook',
    express.raw({ type: () => true, limit: '256kb' }),
    async (request, response) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      authenticate(request, body, hotlineSecret, clock());
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        const reply = errorBody('request.malformed_json');
        response.status(reply.status).json(reply.body);
        return;
      }
      // Parsed here, not by express.json, so not seen by the app's own check (server/storable-text.ts).
      const refusal = unstorableTextRefusal(json);
      if (refusal) {
        response.status(refusal.status).json(refusal.body);
        return;
      }
      const event = hotlineEventSchema.parse(json);
      if (event.type === 'return-visit.recorded' && !isReturnVisitResult(event.data.result)) {
        throw new DomainError('hotline.unknown_result', { result: event.data.result });
      }
      const found = await findCase(db, event);
      if (await isHotlineEventRecorded(db, event.id)) {
        response.json({ received: true, eventId: event.id, caseId: found.id, duplicate: true });
        return;
      }
      if (event.type === 'work-order.status') await recordStatus(event, found.id);
      else await recordReturnVisit(event, found);
      response.json({ received: true, eventId: event.id, caseId: found.id });
    },
  );

  return router;
}
