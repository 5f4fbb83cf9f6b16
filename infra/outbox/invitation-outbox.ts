// Orders to the evaluation-invitation process (art. 10), drained after their transaction commits: start
// the invitation of a completed 办件, or tell a waiting invitation that its 办件 was rated. Runs in the
// server process, poked after each commit and on a timer, so orders taken while the engine is down are
// carried out when it returns. A rating is never refused or lost for the engine's sake: it is committed
// first, and the invitation's workers check the ratings table again before reminding or recording 未评.
import {
  EVALUATION_RECEIVED_MESSAGE,
  INVITATION_PROCESS_KEY,
  START_SKIPPED_AS_RATED,
} from '../../domain/evaluation/invitation.ts';
import { isMessageNotAwaited } from '../engine-rest.ts';
import { isRated, startedInvitations } from '../stores/invitation-store.ts';
import { createOutboxDrainer, type OrderResult, type OutboxDrainerDeps } from './drain-loop.ts';

interface OrderRow {
  id: string;
  kind: 'start-invitation' | 'evaluation-received';
  service_record_id: string;
  attempts: number;
}

/** A running instance that does not wait for the message yet (a worker step) is asked again this often. */
const MAX_CORRELATION_ATTEMPTS = 20;

export function createInvitationOutbox(deps: OutboxDrainerDeps) {
  const { db, engine } = deps;
  async function instanceOf(serviceRecordId: string) {
    const [instance] = await engine.historicProcessInstances({
      processInstanceBusinessKey: serviceRecordId,
      processDefinitionKey: INVITATION_PROCESS_KEY,
    });
    return instance;
  }

  async function start(serviceRecordId: string): Promise<OrderResult> {
    // Rated before the completion was reported (art. 10, an overdue 办件): nothing to invite to.
    if (await isRated(db, serviceRecordId)) return { done: true, note: START_SKIPPED_AS_RATED };
    if (await instanceOf(serviceRecordId)) return { done: true, note: 'already started' };
    await engine.startProcess(INVITATION_PROCESS_KEY, serviceRecordId, { serviceRecordId });
    return { done: true };
  }

  async function correlate(serviceRecordId: string, attempts: number): Promise<OrderResult> {
    // Only a started invitation waits for the message: the others need no engine call.
    if (!(await startedInvitations(db, [serviceRecordId])).has(serviceRecordId)) {
      return { done: true, note: 'no invitation started' };
    }
    try {
      await engine.correlateMessage(EVALUATION_RECEIVED_MESSAGE, serviceRecordId, {});
      return { done: true };
    } catch (error: unknown) {
      if (!isMessageNotAwaited(error)) throw error;
    }
    const instance = await instanceOf(serviceRecordId);
    // None: no invitation (not completed), or its start order will see the rating and not start.
    if (!instance) return { done: true, note: 'no invitation' };
    if (instance.endTime) return { done: true, note: 'invitation already ended' };
    if (attempts + 1 >= MAX_CORRELATION_ATTEMPTS) {
      return { done: true, note: 'gave up: the invitation never waited for the rating' };
    }
    return { done: false, error: 'the invitation is between steps; asking again' };
  }

  return createOutboxDrainer<OrderRow>(deps, {
    name: 'invitation outbox',
    table: 'invitation_outbox',
    describe: (row) => `invitation ${row.kind} ${row.service_record_id}`,
    carryOut: (_trx, row) =>
      row.kind === 'start-invitation'
        ? start(row.service_record_id)
        : correlate(row.service_record_id, row.attempts),
  });
}

export type InvitationOutbox = ReturnType<typeof createInvitationOutbox>;
