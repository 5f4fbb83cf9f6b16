// Deadline moves a holiday notice queued and the engine has not taken (issue 3): the server's retrier tries
// them again on its own, every minute, and records each failed attempt on the queued row — here against an
// engine that does not answer, so the move stays queued, counted, with its reason in Chinese.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { createDeadlineMoveRetrier } from '../../infra/outbox/deadline-move-retrier.ts';
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

  it('given a verify clock whose recomputed due date the engine did not take, when the retrier runs, then it tries again and records each attempt on the queued row', async () => {
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
    await retrier.poke();
    await retrier.poke();
    const queued = await db('sla_due_recomputations').where({ case_id: caseId }).first();
    assert.equal(queued.engine_state, 'pending', 'still queued: the engine did not answer');
    assert.equal(queued.engine_attempts, 2);
    assert.match(queued.engine_last_error, /流程引擎调用失败/);
    assert.deepEqual(lines, [], 'a failed attempt is recorded on its row, not logged each minute');
    await retrier.stop();
  });
});
