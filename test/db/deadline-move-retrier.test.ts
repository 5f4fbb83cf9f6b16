// Deadline moves a holiday notice queued and the engine has not taken (issue 3): the server's retrier tries
// them again on its own, every minute, when the engine answers — here it does not, so nothing is attempted —
// and reads each move again just before the engine is asked, so it never puts back a date a later load moved.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { createDeadlineMoveRetrier } from '../../infra/outbox/deadline-move-retrier.ts';
import { freshEngineMove, pendingEngineMoves } from '../../infra/stores/sla-recompute-store.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase } from '../support/databases.ts';
import { shippedCalendar } from '../support/calendar.ts';
import type { Db } from '../../infra/db.ts';

describe('the retrier of queued deadline moves (issue 3)', () => {
  let db: Db;

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_deadline_moves'));
  });

  after(() => db.destroy());

  it('given a verify clock whose recomputed due date the engine did not take, when the retrier runs, then while the engine is away nothing is attempted, and a move is read again before the engine is asked', async () => {
    const caseId = await openBadReviewCase(db, { at: new Date('2026-12-30T10:00:00+08:00') });
    await db('cases').where({ id: caseId }).update({ status: 'open', process_instance_id: randomUUID() });
    const [clock] = await db('sla_clocks')
      .insert({
        case_id: caseId,
        stage: 'verify',
        round: 1,
        started_at: new Date('2026-12-30T10:00:00+08:00'),
        due_at: new Date('2027-01-04T23:59:59+08:00'),
        working_days: 1,
        state: 'on-track',
      })
      .returning('id');
    await db('sla_due_recomputations').insert({
      clock_id: clock.id,
      case_id: caseId,
      stage: 'verify',
      old_due_at: new Date('2026-12-31T23:59:59+08:00'),
      old_provisional: true,
      new_due_at: new Date('2027-01-04T23:59:59+08:00'),
      new_provisional: false,
      recomputed_at: new Date('2026-12-30T11:00:00+08:00'),
    });
    const lines: string[] = [];
    const retrier = createDeadlineMoveRetrier(
      {
        db,
        engine: createEngineClient({ baseUrl: 'http://127.0.0.1:9/engine-rest', timeoutMs: 500 }),
        calendars: { currentWithLoadId: async () => ({ calendar: await shippedCalendar(), loadId: null }) },
        clock: () => new Date('2026-12-30T12:00:00+08:00'),
        log: (line) => lines.push(line),
      },
      60_000,
    );
    // The engine away: no move is attempted (each would wait out its timeout), the queue stays as it was.
    await retrier.poke();
    await retrier.poke();
    await retrier.stop();
    const queued = await db('sla_due_recomputations').where({ case_id: caseId }).first();
    assert.deepEqual([queued.engine_state, queued.engine_attempts], ['pending', 0]);
    assert.deepEqual(lines, [], 'nothing logged each minute while the engine is away');

    // Read again just before the engine would be asked: moved again by a later load, the new date; made by
    // another run meanwhile, nothing to do.
    const [move] = await pendingEngineMoves(db);
    assert.ok(move);
    await db('sla_clocks')
      .where({ id: clock.id })
      .update({ due_at: new Date('2027-01-05T23:59:59+08:00') });
    assert.equal(
      (await freshEngineMove(db, move!))?.due_at.toISOString(),
      new Date('2027-01-05T23:59:59+08:00').toISOString(),
    );
    await db('sla_due_recomputations').where({ case_id: caseId }).update({ engine_state: 'synced' });
    assert.equal(await freshEngineMove(db, move!), undefined);
  });
});
