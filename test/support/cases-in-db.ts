// A 差评 case straight in the database, through the real intake (ledger, case row, outbox), for the
// database tier, which runs no engine. What the engine would add (routing, an instance) the caller sets.
import { randomUUID } from 'node:crypto';
import { createEvaluationIntake } from '../../domain/evaluation/intake.ts';
import { createEvaluationStore } from '../../infra/stores/evaluation-store.ts';
import { createProtector } from '../../infra/protector.ts';
import { shippedCalendar } from './calendar.ts';
import type { Db } from '../../infra/db.ts';
import type { Protector } from '../../infra/protector.ts';
import type { DimensionRatings } from '../../domain/evaluation/dimensions.ts';

export const TEST_ENCRYPTION_KEY = 'c'.repeat(64);

export interface CaseOptions {
  at?: Date;
  itemCode?: string;
  departmentId?: string;
  realName?: boolean;
  rater?: { name?: string; phone?: string };
  text?: string;
  dimensions?: DimensionRatings;
  protector?: Protector;
  /** A rating of the 办件's platform (handled online on it) rather than of its service. */
  platformId?: string;
}

/** Registers a 办件 and a 非常不满意 rating of it; returns the case id (= the rating id). */
export async function openBadReviewCase(db: Db, options: CaseOptions = {}): Promise<string> {
  const at = options.at ?? new Date();
  const recordId = `SR-${randomUUID().slice(0, 8)}`;
  await db('service_records').insert({
    id: recordId,
    item_code: options.itemCode ?? 'XA-SC-0001',
    handling_department_id: options.departmentId ?? 'xa-market',
    channel: options.platformId ? 'online' : 'window',
    platform_id: options.platformId ?? null,
    accepted_at: at,
    ...(options.platformId ? { completed_at: at } : {}),
  });
  const intake = createEvaluationIntake({
    store: createEvaluationStore(db),
    protector: options.protector ?? createProtector(TEST_ENCRYPTION_KEY),
    clock: () => at,
    newId: randomUUID,
    workingCalendar: shippedCalendar,
  });
  const { id } = await intake.submit({
    serviceRecordId: recordId,
    target: options.platformId ? 'platform' : 'service',
    channel: options.platformId ? 'mobile' : 'window-device',
    level: 'very-dissatisfied',
    tags: ['态度生硬'],
    text: options.text ?? '',
    realName: options.realName ?? false,
    rater: options.rater,
    dimensions: options.dimensions,
  });
  return id;
}
