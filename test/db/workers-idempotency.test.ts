// The engine delivers external tasks at least once: each worker, run twice on the same task, leaves
// the database as running it once did, and gives the engine the same answer.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createProtector } from '../../infra/protector.ts';
import { createHotlineClient } from '../../infra/hotline/client.ts';
import { deadlineCalculator, loadWorkingCalendar } from '../../infra/deadlines.ts';
import { createTopicWorkers } from '../../workers/registry.ts';
import { shippedCalendar } from '../support/calendar.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase, rolledBack } from '../support/databases.ts';
import {
  down as stoppedClocksDown,
  up as stoppedClocksUp,
} from '../../migrations/20261204100000_sla_clock_stopped.ts';
import { shippedPlanner } from '../support/sla.ts';
import { stageOwnerDepartment } from '../../workers/support/stage-owners.ts';
import { takeCaseTurn } from '../../infra/stores/case-turns.ts';
import type { Db } from '../../infra/db.ts';
import type { ExternalTask, TopicWorker } from '../../workers/adapter.ts';

describe('workers are idempotent (issue 2)', () => {
  let db: Db;
  let workers: Map<string, TopicWorker>;
  // Friday 2026-09-25 10:00 in Shanghai: 中秋 9/25–9/27 is off, so the next working day after it is Monday 9/28.
  const now = new Date('2026-09-25T02:00:00Z');

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_workers'));
    workers = new Map(
      createTopicWorkers({
        db,
        deadlines: deadlineCalculator(loadWorkingCalendar()),
        calendars: { current: shippedCalendar },
        planner: shippedPlanner(deadlineCalculator(loadWorkingCalendar()), () => now),
        maxRectificationRounds: 2,
        clock: () => now,
        protector: createProtector('b'.repeat(64)),
        publicBaseUrl: 'https://pj.example.gov.cn',
        // The hotline handover has its own test (test/db/hotline.test.ts); nothing listens here.
        hotline: {
          client: createHotlineClient({ baseUrl: 'http://127.0.0.1:9', secret: 'x'.repeat(16) }),
          retryBaseMs: 10,
        },
      }).map((worker) => [worker.topic, worker]),
    );
  });

  after(() => db.destroy());

  const openCase = () => openBadReviewCase(db, { at: now, itemCode: 'XA-RS-0001', departmentId: 'xa-hrss' });

  function task(topic: string, caseId: string, variables: Record<string, unknown> = {}): ExternalTask {
    return {
      id: randomUUID(),
      topic,
      businessKey: caseId,
      processInstanceId: randomUUID(),
      activityId: 'any',
      variable: (name) => variables[name],
    };
  }

  async function twice(topic: string, delivery: ExternalTask) {
    const worker = workers.get(topic)!;
    return [await worker.handle(delivery), await worker.handle(delivery)];
  }

  it('given a new case, when case-route runs twice, then one routing event, one verify clock and the same due date', async () => {
    const caseId = await openCase();
    const [first, second] = await twice('case-route', task('case-route', caseId));
    assert.deepEqual(first, second);
    assert.equal(first!.kind, 'complete');
    const variables = (first as { variables: Record<string, unknown> }).variables;
    assert.equal(variables.responsibleGroup, 'xa-hrss');
    assert.equal(
      (variables.verifyDue as Date).toISOString(),
      '2026-09-28T15:59:59.000Z',
      'end of Monday 9/28 in Shanghai',
    );
    assert.equal((await db('case_events').where({ case_id: caseId, kind: 'case-routed' })).length, 1);
    assert.equal((await db('sla_clocks').where({ case_id: caseId })).length, 1);
  });

  it('given a platform 差评 of a district 办件, when case-route runs, then the builder answers for it and its own (city) approval department reviews its appeals — the department reminded of them', async () => {
    const caseId = await openBadReviewCase(db, {
      at: now,
      itemCode: 'BL-SC-0001',
      departmentId: 'bl-market',
      platformId: 'xa-mobile',
    });
    const answer = await workers.get('case-route')!.handle(task('case-route', caseId));
    assert.equal(answer.kind, 'complete', JSON.stringify(answer));
    const variables = (answer as { variables: Record<string, unknown> }).variables;
    assert.deepEqual(
      [variables.routingRule, variables.responsibleGroup, variables.approvalGroup, variables.hotlineGroup],
      ['built-by', 'xa-bigdata', 'xa-approval', 'xa-12345'],
    );
    const owner = await db.transaction((trx) => stageOwnerDepartment(trx, caseId, 'appeal-review'));
    assert.equal(owner, variables.approvalGroup);
    const district = await workers
      .get('case-route')!
      .handle(
        task(
          'case-route',
          await openBadReviewCase(db, { at: now, itemCode: 'BL-SC-0001', departmentId: 'bl-market' }),
        ),
      );
    assert.equal((district as { variables: Record<string, unknown> }).variables.approvalGroup, 'bl-approval');
  });

  it('given a task completion of the case still committing (its form closed the case), when the next step comes, then the worker waits for the commit and acts on the case as committed', async () => {
    const caseId = await openCase();
    await workers.get('case-route')!.handle(task('case-route', caseId));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const completing = db.transaction(async (trx) => {
      await takeCaseTurn(trx, caseId);
      await trx('cases').where({ id: caseId }).update({ status: 'closed', outcome: 'rectified' });
      locked();
      await released;
    });
    await lockTaken;
    let settled = false;
    const step = workers
      .get('sla-start')!
      .handle(task('sla-start', caseId, { stage: 'rectify' }))
      .finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waited = !settled;
    release();
    await completing;
    assert.ok(waited, 'the worker waits while the completion holds the case');
    assert.deepEqual(await step, { kind: 'complete' });
    assert.equal(
      (await db('sla_clocks').where({ case_id: caseId, stage: 'rectify' })).length,
      0,
      'it saw the case closed, as committed, and started no clock',
    );
  });

  it('given an overdue stage of the approval department or of 12345, when sla-overdue runs, then its coordinators or operators are told, not a unit leader who is not there', async () => {
    for (const [stage, told] of [
      ['consultation-reply', 'chen.jing@approval.xa.gov.example'],
      ['return-visit', 'liu.yang@12345.xa.gov.example'],
    ] as const) {
      const caseId = await openCase();
      await workers.get('case-route')!.handle(task('case-route', caseId));
      await db('sla_clocks').insert({
        case_id: caseId,
        stage,
        round: 1,
        started_at: now,
        due_at: now,
        working_days: 1,
        state: 'on-track',
      });
      const answer = await workers.get('sla-overdue')!.handle(task('sla-overdue', caseId, { stage }));
      assert.equal(answer.kind, 'complete', JSON.stringify(answer));
      const mail = await db('notifications').where({ case_id: caseId, channel: 'email' });
      const recipients = mail.map((row) => row.recipient);
      assert.ok(recipients.includes(told), `${stage}: ${JSON.stringify(recipients)}`);
    }
  });

  it('given an overdue verify stage, when sla-overdue runs twice, then the clock is overdue once', async () => {
    const caseId = await openCase();
    await workers.get('case-route')!.handle(task('case-route', caseId));
    await twice('sla-overdue', task('sla-overdue', caseId, { stage: 'verify' }));
    const clock = await db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
    assert.equal(clock.state, 'overdue');
    assert.equal((await db('case_events').where({ case_id: caseId, kind: 'sla-overdue' })).length, 1);
  });

  it('given a rectified case, when rater-answer and case-close run twice, then one answer and one closing', async () => {
    const caseId = await openCase();
    const [answered] = await twice(
      'rater-answer',
      task('rater-answer', caseId, { rectifyActions: '已补办并致歉' }),
    );
    assert.equal(answered!.kind, 'complete');
    await twice('case-close', task('case-close', caseId));
    assert.equal((await db('rater_answers').where({ case_id: caseId })).length, 1);
    assert.equal((await db('case_events').where({ case_id: caseId, kind: 'case-closed' })).length, 1);
    const closed = await db('cases').where({ id: caseId }).first();
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'rectified');
  });

  it('given a case ended as its rating was confirmed fraudulent, when case-close runs twice, then one closing and its running clock stopped once', async () => {
    const caseId = await openCase();
    await workers.get('case-route')!.handle(task('case-route', caseId));
    const [first, second] = await twice('case-close', task('case-close', caseId, { fraudConfirmed: true }));
    assert.deepEqual([first, second], [{ kind: 'complete' }, { kind: 'complete' }]);
    const closed = await db('cases').where({ id: caseId }).first();
    assert.deepEqual([closed.status, closed.outcome, closed.closed_at], ['closed', 'fraud-confirmed', now]);
    const clocks = await db('sla_clocks').where({ case_id: caseId });
    assert.deepEqual(
      clocks.map((clock) => [clock.stage, clock.state, clock.done_at]),
      [['verify', 'stopped', now]],
    );
    const events = await db('case_events').where({ case_id: caseId, kind: 'case-closed' });
    assert.deepEqual(
      events.map((event) => event.detail),
      [{ outcome: 'fraud-confirmed' }],
    );
  });

  it('given a case ended early while its steps were under way, when they run, then they complete and write or send nothing, and a slow 结案 adds no second closing', async () => {
    const caseId = await openCase();
    await workers.get('case-route')!.handle(task('case-route', caseId));
    await workers.get('case-close')!.handle(task('case-close', caseId, { fraudConfirmed: true }));
    const written = async () => ({
      clocks: await db('sla_clocks').where({ case_id: caseId }).orderBy('id'),
      events: await db('case_events').where({ case_id: caseId }).orderBy('id'),
      answers: await db('rater_answers').where({ case_id: caseId }),
      notifications: await db('notifications').where({ case_id: caseId }),
    });
    const before = await written();
    const late: [string, Record<string, unknown>][] = [
      ['sla-start', { stage: 'rectify' }],
      ['sla-reminder', { stage: 'verify' }],
      ['sla-overdue', { stage: 'verify' }],
      ['rater-answer', { rectifyActions: '已补办并致歉' }],
      ['case-close', {}],
    ];
    for (const [topic, variables] of late) {
      assert.deepEqual(
        await workers.get(topic)!.handle(task(topic, caseId, variables)),
        { kind: 'complete' },
        topic,
      );
    }
    assert.deepEqual(await written(), before);
    assert.equal((await db('cases').where({ id: caseId }).first()).outcome, 'fraud-confirmed');
  });

  it('given a stopped clock, then taking the clock-state migration back reads it as met or missed by its times, and bringing it back accepts stopped again', async () => {
    const caseId = await openCase();
    await workers.get('case-route')!.handle(task('case-route', caseId));
    await workers.get('case-close')!.handle(task('case-close', caseId, { fraudConfirmed: true }));
    await rolledBack(db, async (trx) => {
      await stoppedClocksDown(trx);
      const clock = await trx('sla_clocks').where({ case_id: caseId }).first();
      assert.equal(clock.state, 'met', 'stopped before it was due');
      await assert.rejects(
        trx.transaction((savepoint) =>
          savepoint('sla_clocks').where({ case_id: caseId }).update({ state: 'stopped' }),
        ),
        /sla_clocks_state_check/,
      );
      await stoppedClocksUp(trx);
      await trx('sla_clocks').where({ case_id: caseId }).update({ state: 'stopped' });
    });
  });

  it('given a case whose 结案 wrote "rectified" just before the early end interrupted it, when the early end closes it, then it reads fraud confirmed', async () => {
    const caseId = await openCase();
    await workers.get('case-close')!.handle(task('case-close', caseId));
    await twice('case-close', task('case-close', caseId, { fraudConfirmed: true }));
    const closed = await db('cases').where({ id: caseId }).first();
    assert.equal(closed.outcome, 'fraud-confirmed');
    const events = await db('case_events').where({ case_id: caseId, kind: 'case-closed' }).orderBy('id');
    assert.deepEqual(
      events.map((event) => event.detail.outcome),
      ['rectified', 'fraud-confirmed'],
      'the timeline keeps both, in order',
    );
  });

  it("given a case answered in round 1, when the next round's answer task runs twice, then round 2 is answered once: one row, one SMS, one event", async () => {
    const caseId = await openBadReviewCase(db, {
      at: now,
      itemCode: 'XA-RS-0001',
      departmentId: 'xa-hrss',
      realName: true,
      rater: { name: '张三', phone: '13900001111' },
    });
    await twice('rater-answer', task('rater-answer', caseId, { rectifyActions: '已补办并致歉' }));
    const [second] = await twice(
      'rater-answer',
      task('rater-answer', caseId, { rectifyActions: '专人上门办结并回访' }),
    );
    assert.equal(second!.kind, 'complete');
    const answers = await db('rater_answers').where({ case_id: caseId }).orderBy('round');
    assert.deepEqual(
      answers.map((row) => [row.round, row.kind]),
      [
        [1, 'rectification'],
        [2, 'rectification'],
      ],
    );
    assert.match(answers[1].message, /专人上门办结并回访/);
    const sms = await db('notifications').where({ case_id: caseId, channel: 'sms' }).orderBy('id');
    assert.deepEqual(
      sms.map((row) => row.idempotency_key),
      [`rater-answer:${caseId}:1`, `rater-answer:${caseId}:2`],
    );
    const events = await db('case_events').where({ case_id: caseId, kind: 'rater-answered' }).orderBy('id');
    assert.deepEqual(
      events.map((event) => event.detail.round),
      [1, 2],
    );
  });

  it('given two deliveries of one answer task at the same time, when both run, then one answer is written and both complete', async () => {
    const caseId = await openCase();
    const delivery = task('rater-answer', caseId, { rectifyActions: '已补办并致歉' });
    const worker = workers.get('rater-answer')!;
    const outcomes = await Promise.all([worker.handle(delivery), worker.handle(delivery)]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.kind),
      ['complete', 'complete'],
    );
    assert.equal((await db('rater_answers').where({ case_id: caseId })).length, 1);
    assert.equal((await db('case_events').where({ case_id: caseId, kind: 'rater-answered' })).length, 1);
  });

  it('given a task without the variables it needs, when it runs, then it fails with a reason and writes nothing', async () => {
    const caseId = await openCase();
    const outcome = await workers.get('rater-answer')!.handle(task('rater-answer', caseId));
    assert.equal(outcome.kind, 'failure');
    assert.equal((await db('rater_answers').where({ case_id: caseId })).length, 0);
    const unknownStage = await workers
      .get('sla-overdue')!
      .handle(task('sla-overdue', caseId, { stage: 'lunch' }));
    assert.equal(unknownStage.kind, 'failure');
  });
});
