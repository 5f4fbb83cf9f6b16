// POST /api/service-records: register a 办件 so that it can be rated; POST …/:id/completion: report its
// completion later. A completed 办件 gets its invitation to rate (art. 10, processes/evaluation-invitation
// .bpmn) through the invitation outbox, in the same transaction as the 办件 or its completion.
//
// Only a connected system (接入系统: the handling or government-service platform that reports 办件) may call
// them, with its key in x-partner-key (partner_systems, as for partners' ratings): a 办件 carries the
// applicant's phone that reminders are sent to, and its completion opens the rating window, so an
// anonymous caller must not make one up or complete someone else's. 401 partner.unauthorized otherwise.
//
// A registration's answer gives the 办件's 评价码 and rating address, which the system prints on the receipt
// (art. 11: the open rating page takes a rating only with the code); for a receipt printed again, GET
// …/:id/rating-code gives the same, and GET …/:id/rating-qr.svg draws that address as the receipt's QR code,
// both for the system that reported the 办件 only.
import { Router, type Request, type Response } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { maskPhone } from '../../../domain/evaluation/masking.ts';
import { normalisePhone } from '../../../domain/fraud/phone.ts';
import { isForeignKeyViolation, isUniqueViolation, pgConstraint } from '../../../infra/stores/pg-errors.ts';
import { completionSchema, serviceRecordIdSchema, serviceRecordSchema } from './schema.ts';
import { authenticatePartner } from '../../../infra/stores/channel-store.ts';
import { lockForTransaction } from '../../../infra/stores/case-turns.ts';
import { PARTNER_KEY_HEADER } from '../channels/partner-routes.ts';
import type { Knex } from 'knex';
import { REPORTING_CLOCK_SKEW_MS, startOrderKey } from '../../../domain/evaluation/invitation.ts';
import type { Db } from '../../../infra/db.ts';
import type { DomainErrorId } from '../../../domain/errors.ts';
import type { Protector } from '../../../infra/protector.ts';
import { printedRatingCode } from '../../../domain/evaluation/rating-code.ts';
import { ratingPageUrl } from '../../../domain/evaluation/rating-links.ts';
import { publicBaseOf, sendQr } from '../qr/routes.ts';

const FOREIGN_KEY_ERRORS: Record<string, DomainErrorId> = {
  service_records_item_code_foreign: 'service_record.unknown_item',
  service_records_handling_department_id_foreign: 'service_record.unknown_department',
  service_records_institution_id_foreign: 'service_record.unknown_institution',
  service_records_platform_id_foreign: 'service_record.unknown_platform',
};

export interface ServiceRecordRouteDeps {
  db: Db;
  /** The business clock: a completion is a fact of the past. */
  clock: () => Date;
  protector: Pick<Protector, 'encrypt' | 'ratingCode'>;
  /** PUBLIC_BASE_URL, which receipts' QR codes point at; unset (tests): the origin the request came to. */
  publicBaseUrl?: string | undefined;
  /** Pokes the invitation outbox after a commit that ordered an invitation (its timer covers a miss). */
  onInvitationOrder?: (() => void) | undefined;
}

/**
 * A 办件's times in order: promised and completed no earlier than accepted; accepted and completed no later
 * than now (a completion reported ahead of time would open its rating window and send its reminder for a
 * 办件 not done).
 */
function checkRecordTimes(
  times: { acceptedAt: Date; promisedAt?: Date | undefined; completedAt?: Date | undefined },
  now: Date,
): void {
  const accepted = times.acceptedAt.getTime();
  if (
    (times.promisedAt && times.promisedAt.getTime() < accepted) ||
    (times.completedAt && times.completedAt.getTime() < accepted)
  ) {
    throw new DomainError('service_record.times_out_of_order');
  }
  const latest = now.getTime() + REPORTING_CLOCK_SKEW_MS;
  const ahead = [times.acceptedAt, times.completedAt].find((time) => time && time.getTime() > latest);
  if (ahead) throw new DomainError('service_record.time_in_future', { at: ahead.toISOString() });
}

const dateOrUndefined = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

function orderInvitation(trx: Knex.Transaction, serviceRecordId: string) {
  return trx('invitation_outbox')
    .insert({
      kind: 'start-invitation',
      service_record_id: serviceRecordId,
      key: startOrderKey(serviceRecordId),
    })
    .onConflict('key')
    .ignore();
}

export function serviceRecordRoutes({
  db,
  clock,
  protector,
  onInvitationOrder,
  publicBaseUrl,
}: ServiceRecordRouteDeps): Router {
  const router = Router();
  // Before any route here: a caller without a system's key learns nothing, not even whether a 办件 exists.
  router.use('/service-records', async (request, response, next) => {
    const system = await authenticatePartner(db, request.get(PARTNER_KEY_HEADER));
    if (!system) throw new DomainError('partner.unauthorized', { header: PARTNER_KEY_HEADER });
    response.locals.systemId = system.id;
    next();
  });
  const systemOf = (response: Response) => response.locals.systemId as string;

  /** What the receipt prints: the 评价码, as typed and as printed, and the address its QR code encodes. */
  function receiptOf(request: Request, id: string) {
    const ratingCode = protector.ratingCode(id);
    const ratingUrl = ratingPageUrl(publicBaseOf(request, publicBaseUrl), {
      serviceRecordId: id,
      ratingCode,
    });
    return { id, ratingCode, printedRatingCode: printedRatingCode(ratingCode), ratingUrl };
  }

  /**
   * art. 9: a batch is one application of one item, so its 办件 come from one system and share the item; a theme's
   * come from one system. Ids are the reporting systems' own: another system's batch or theme of the same id is
   * not this one (its rating would apply to this 办件). Members join one at a time (a lock per group id).
   */
  async function checkJoinsOwnGroup(
    trx: Knex.Transaction,
    input: { itemCode: string; batchId?: string | undefined; themeId?: string | undefined },
    reporter: string | null,
  ): Promise<void> {
    for (const [column, id] of [
      ['batch_id', input.batchId],
      ['theme_id', input.themeId],
    ] as const) {
      if (!id) continue;
      await lockForTransaction(trx, `${column}:${id}`);
      const member = await trx('service_records')
        .where(column, id)
        .first<{ reported_by: string | null; item_code: string } | undefined>('reported_by', 'item_code');
      if (!member) continue;
      const sameItem = column === 'theme_id' || member.item_code === input.itemCode;
      // A member stored before reporters were kept (reported_by null) is any system's, as its completion is.
      const otherSystem = member.reported_by !== null && member.reported_by !== reporter;
      if (otherSystem || !sameItem) {
        throw new DomainError('service_record.group_mismatch', {
          [column === 'batch_id' ? 'batchId' : 'themeId']: id,
          ...(sameItem ? {} : { itemCode: member.item_code }),
        });
      }
    }
  }

  router.post('/service-records', async (request, response) => {
    const input = serviceRecordSchema.parse(request.body);
    checkRecordTimes(
      {
        acceptedAt: new Date(input.acceptedAt),
        promisedAt: dateOrUndefined(input.promisedAt),
        completedAt: dateOrUndefined(input.completedAt),
      },
      clock(),
    );
    const phone = input.applicant?.phone ?? null;
    try {
      await db.transaction(async (trx) => {
        await checkJoinsOwnGroup(trx, input, systemOf(response));
        await trx('service_records').insert({
          id: input.id,
          item_code: input.itemCode,
          handling_department_id: input.handlingDepartmentId,
          institution_id: input.institutionId ?? null,
          platform_id: input.platformId ?? null,
          channel: input.channel,
          accepted_at: input.acceptedAt,
          promised_at: input.promisedAt ?? null,
          completed_at: input.completedAt ?? null,
          applicant_phone_encrypted: phone ? protector.encrypt(phone) : null,
          // Masked in its normal form, what an SMS reply's sender is matched by (infra/stores/sms-reply-store.ts).
          applicant_phone_masked: phone ? maskPhone(normalisePhone(phone)) : null,
          batch_id: input.batchId ?? null,
          theme_id: input.themeId ?? null,
          reported_by: systemOf(response),
        });
        if (input.completedAt) await orderInvitation(trx, input.id);
      });
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new DomainError('service_record.duplicate', { id: input.id });
      if (pgConstraint(error) === 'service_records_joins_rated_group') {
        throw new DomainError('service_record.joins_rated_group', {
          ...(input.batchId ? { batchId: input.batchId } : { themeId: input.themeId }),
        });
      }
      const mapped = FOREIGN_KEY_ERRORS[pgConstraint(error) ?? ''];
      if (isForeignKeyViolation(error) && mapped) throw new DomainError(mapped);
      throw error;
    }
    if (input.completedAt) onInvitationOrder?.();
    response.status(201).json(receiptOf(request, input.id));
  });

  /** The 办件 of the path, reported by the calling system (404, 403 otherwise). */
  async function ownRecordId(request: Request, response: Response): Promise<string> {
    const id = serviceRecordIdSchema.parse(request.params.id);
    const record = await db('service_records')
      .where({ id })
      .first<{ reported_by: string | null } | undefined>('reported_by');
    if (!record) throw new DomainError('service_record.not_found', { id });
    // A 办件 no system reported (stored before reporters were kept) has no system to give its code to.
    if (record.reported_by !== systemOf(response)) {
      throw new DomainError('service_record.reported_by_other_system', { id });
    }
    return id;
  }

  router.get('/service-records/:id/rating-code', async (request, response) => {
    response
      .set('cache-control', 'private, no-store')
      .json(receiptOf(request, await ownRecordId(request, response)));
  });

  router.get('/service-records/:id/rating-qr.svg', async (request, response) => {
    const id = await ownRecordId(request, response);
    await sendQr(request, response, publicBaseUrl, {
      serviceRecordId: id,
      ratingCode: protector.ratingCode(id),
    });
  });

  router.post('/service-records/:id/completion', async (request, response) => {
    const id = serviceRecordIdSchema.parse(request.params.id);
    const { completedAt } = completionSchema.parse(request.body);
    await db.transaction(async (trx) => {
      const record = await trx('service_records')
        .where({ id })
        .forUpdate()
        .first<{ accepted_at: Date; completed_at: Date | null; reported_by: string | null } | undefined>(
          'accepted_at',
          'completed_at',
          'reported_by',
        );
      if (!record) throw new DomainError('service_record.not_found', { id });
      // The system that reported the 办件 reports its completion; another may not open its rating window.
      if (record.reported_by && record.reported_by !== systemOf(response)) {
        throw new DomainError('service_record.reported_by_other_system', { id });
      }
      // Completion is a fact once reported: a second report (even the same one) changes nothing.
      if (record.completed_at) {
        throw new DomainError('service_record.already_completed', {
          id,
          completedAt: record.completed_at.toISOString(),
        });
      }
      checkRecordTimes({ acceptedAt: record.accepted_at, completedAt: new Date(completedAt) }, clock());
      await trx('service_records').where({ id }).update({ completed_at: completedAt });
      await orderInvitation(trx, id);
    });
    onInvitationOrder?.();
    response.status(200).json({ id, completedAt: new Date(completedAt).toISOString() });
  });
  return router;
}
