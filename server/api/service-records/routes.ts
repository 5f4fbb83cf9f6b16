// POST /api/service-records: register a 办件 so that it can be rated.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { isForeignKeyViolation, isUniqueViolation, pgConstraint } from '../../../infra/stores/pg-errors.ts';
import { serviceRecordSchema } from './schema.ts';
import type { Db } from '../../../infra/db.ts';
import type { DomainErrorId } from '../../../domain/errors.ts';

const FOREIGN_KEY_ERRORS: Record<string, DomainErrorId> = {
  service_records_item_code_foreign: 'service_record.unknown_item',
  service_records_handling_department_id_foreign: 'service_record.unknown_department',
  service_records_institution_id_foreign: 'service_record.unknown_institution',
  service_records_platform_id_foreign: 'service_record.unknown_platform',
};

export function serviceRecordRoutes({ db }: { db: Db }): Router {
  const router = Router();
  router.post('/service-records', async (request, response) => {
    const input = serviceRecordSchema.parse(request.body);
    if (input.completedAt && Date.parse(input.completedAt) < Date.parse(input.acceptedAt)) {
      throw new DomainError('service_record.times_out_of_order');
    }
    try {
      await db('service_records').insert({
        id: input.id,
        item_code: input.itemCode,
        handling_department_id: input.handlingDepartmentId,
        institution_id: input.institutionId ?? null,
        platform_id: input.platformId ?? null,
        channel: input.channel,
        accepted_at: input.acceptedAt,
        promised_at: input.promisedAt ?? null,
        completed_at: input.completedAt ?? null,
      });
    } catch (error: unknown) {
      if (isUniqueViolation(error)) throw new DomainError('service_record.duplicate', { id: input.id });
      const mapped = FOREIGN_KEY_ERRORS[pgConstraint(error) ?? ''];
      if (isForeignKeyViolation(error) && mapped) throw new DomainError(mapped);
      throw error;
    }
    response.status(201).json({ id: input.id });
  });
  return router;
}
