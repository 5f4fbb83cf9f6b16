// The 12345 handover against a real PostgreSQL and the hotline simulator (issue 4, art. 16): one work
// order per case whatever happens — a redelivery, a crash after the hotline took the order, an outage.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHotlineClient, HotlineError, HOTLINE_CATEGORY } from '../../infra/hotline/client.ts';
import { eventually } from '../support/fixtures.ts';
import { WITHDRAWAL_REASONS } from '../../infra/hotline/withdrawal.ts';
import { startClock } from '../../infra/stores/case-store.ts';
import { delivery, RETRY_BASE_MS, SECRET, startHotlineWorld, workOrderNumberOf } from './hotline-world.ts';
import type { HotlineWorld } from './hotline-world.ts';
import { workOrderNumberOf as workOrderNumberOfCase } from '../../infra/stores/hotline-store.ts';

describe('the 12345 handover (issue 4)', () => {
  let world: HotlineWorld;
  before(async () => {
    world = await startHotlineWorld('hcp_test_db_hotline');
  });
  after(() => world.stop());

  describe('the handover', () => {
    it('given a routed real-name 差评, when the handover runs twice, then one 营商环境类 work order, its number on the case and one event', async () => {
      const caseId = await world.routedCase();
      const first = await world.worker.handle(delivery(caseId));
      const second = await world.worker.handle(delivery(caseId));
      assert.equal(first.kind, 'complete');
      assert.deepEqual(second, first);
      const number = workOrderNumberOf(first);
      assert.match(number, /^12345-\d{8}-\d{4}$/);
      const orders = world.ordersOf(caseId);
      assert.equal(orders.length, 1);
      assert.equal(orders[0]!.category, HOTLINE_CATEGORY);
      assert.equal(orders[0]!.responsibleDepartment, '西安市市场监督管理局');
      assert.equal(orders[0]!.raterRealName, '张三', 'a real-name rater is named for the return visit');
      assert.equal(orders[0]!.raterPhone, '13812345678');
      const stored = await world.db('cases').where({ id: caseId }).first();
      assert.equal(stored.hotline_work_order_number, number);
      const events = await world.db('case_events').where({ case_id: caseId, kind: 'hotline-handover' });
      assert.equal(events.length, 1);
      assert.equal(events[0].detail.workOrderNumber, number);
      assert.equal(events[0].detail.contactHandedOver, true, 'the timeline says the contact went to 12345');
    });

    it('given the worker crashed after the hotline took the order, when it runs again, then the hotline answers the same order', async () => {
      const caseId = await world.routedCase();
      const client = createHotlineClient({ baseUrl: world.simulator.url, secret: SECRET });
      const earlier = await client.createWorkOrder({
        caseId,
        category: HOTLINE_CATEGORY,
        title: 't',
        description: 'd',
        responsibleDepartment: '西安市市场监督管理局',
        raterRealName: null,
      });
      const outcome = await world.worker.handle(delivery(caseId));
      assert.deepEqual(outcome, {
        kind: 'complete',
        variables: { hotlineWorkOrderNumber: earlier.workOrderNumber },
      });
      assert.equal(world.ordersOf(caseId).length, 1);
      const event = await world
        .db('case_events')
        .where({ case_id: caseId, kind: 'hotline-handover' })
        .first();
      assert.equal(event.detail.created, false, 'the event says the order already existed');
    });

    it('given an anonymous 差评, then the work order carries neither the name nor the phone', async () => {
      const caseId = await world.routedCase({ realName: false });
      assert.equal((await world.worker.handle(delivery(caseId))).kind, 'complete');
      const [order] = world.ordersOf(caseId);
      assert.equal(order!.raterRealName, null);
      assert.equal(order!.raterPhone, null);
      const event = await world
        .db('case_events')
        .where({ case_id: caseId, kind: 'hotline-handover' })
        .first();
      assert.equal(event.detail.contactHandedOver, false);
    });

    it('given the hotline is down, then the handover fails with a back-off and stores nothing; when it is back, the next delivery creates the order', async () => {
      const caseId = await world.routedCase();
      await world.simulator.setAvailable(false);
      try {
        const failed = await world.worker.handle(delivery(caseId));
        assert.equal(failed.kind, 'failure');
        assert.match((failed as { message: string }).message, /unreachable/);
        assert.equal((failed as { retryTimeoutMs: number }).retryTimeoutMs, RETRY_BASE_MS);
        const again = await world.worker.handle(delivery(caseId, 19));
        assert.equal(
          (again as { retryTimeoutMs: number }).retryTimeoutMs,
          2 * RETRY_BASE_MS,
          'the back-off doubles',
        );
        assert.equal((await world.db('cases').where({ id: caseId }).first()).hotline_work_order_number, null);
        assert.equal(
          (await world.db('case_events').where({ case_id: caseId, kind: 'hotline-handover' })).length,
          0,
        );
      } finally {
        await world.simulator.setAvailable(true);
      }
      assert.equal((await world.worker.handle(delivery(caseId, 18))).kind, 'complete');
      assert.equal(world.ordersOf(caseId).length, 1);
    });

    /** The verify clock routing starts, as it would have at `routedAt` (due an hour later). */
    const verifyClockSince = (caseId: string, routedAt: Date) =>
      startClock(world.db, {
        caseId,
        stage: 'verify',
        startedAt: routedAt,
        dueAt: new Date(routedAt.getTime() + 3_600_000),
        workingDays: 1,
        provisional: false,
      });

    it('given a verify clock started at routing and 12345 away for a while, when the handover goes through, then the verify clock starts again from then and the engine gets its new dates, the same on a redelivery', async () => {
      const caseId = await world.routedCase();
      // Routed two days ago; the verify task cannot exist before the handover.
      const routedAt = new Date(Date.now() - 2 * 24 * 3_600_000);
      await verifyClockSince(caseId, routedAt);
      await world.simulator.setAvailable(false);
      try {
        assert.equal((await world.worker.handle(delivery(caseId))).kind, 'failure');
      } finally {
        await world.simulator.setAvailable(true);
      }
      const through = await world.worker.handle(delivery(caseId, 19));
      assert.equal(through.kind, 'complete', JSON.stringify(through));
      const clock = await world.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
      const handedOver = await world
        .db('case_events')
        .where({ case_id: caseId, kind: 'hotline-handover' })
        .first();
      assert.equal(new Date(clock.started_at).getTime(), new Date(handedOver.occurred_at).getTime());
      assert.ok(new Date(clock.due_at).getTime() > Date.now(), 'due ahead, not already past');
      const variables = (through as { variables: Record<string, unknown> }).variables;
      assert.equal((variables.verifyDue as Date).getTime(), new Date(clock.due_at).getTime());
      assert.ok(variables.verifyRemindAt instanceof Date);
      const again = await world.worker.handle(delivery(caseId, 19));
      assert.deepEqual(again, through, 'a redelivery hands over the same dates');
      // Through at the first attempt: the clock from routing stands.
      const prompt = await world.routedCase();
      await verifyClockSince(prompt, routedAt);
      const first = await world.worker.handle(delivery(prompt));
      assert.equal((first as { variables: Record<string, unknown> }).variables.verifyDue, undefined);
      const untouched = await world.db('sla_clocks').where({ case_id: prompt, stage: 'verify' }).first();
      assert.equal(new Date(untouched.started_at).getTime(), routedAt.getTime());
    });

    it('given the hotline accepted an order, then its "accepted" status reaches our webhook as a case event', async () => {
      const caseId = await world.routedCase();
      await world.worker.handle(delivery(caseId));
      const event = await eventually(
        () => world.db('case_events').where({ case_id: caseId, kind: 'hotline-status' }).first(),
        { what: 'the hotline-status event' },
      );
      assert.equal(event.detail.status, 'accepted');
      assert.equal(event.actor, '12345');
    });
  });

  describe('the withdrawal of a case ended early (its 差评 confirmed fraudulent)', () => {
    const withdrawal = (caseId: string, retries: number | null = null) => ({
      ...delivery(caseId, retries),
      topic: 'hotline-withdraw',
      activityId: 'Task_WithdrawHotlineWorkOrder',
    });

    it('given a case 12345 holds a work order for, when the withdrawal runs twice, then the order is withdrawn once with the reason, and the timeline says so once', async () => {
      const caseId = await world.routedCase();
      const number = workOrderNumberOf(await world.worker.handle(delivery(caseId)));
      const first = await world.withdrawWorker.handle(withdrawal(caseId));
      const second = await world.withdrawWorker.handle(withdrawal(caseId));
      assert.deepEqual([first, second], [{ kind: 'complete' }, { kind: 'complete' }]);
      const [order] = world.ordersOf(caseId);
      assert.equal(order!.status, 'withdrawn');
      assert.equal(order!.withdrawal!.reason, WITHDRAWAL_REASONS['fraud-confirmed']);
      assert.doesNotMatch(order!.withdrawal!.reason, /张三|13812345678/, 'no contact in the reason');
      const events = await world.db('case_events').where({ case_id: caseId, kind: 'hotline-withdrawn' });
      assert.deepEqual(
        events.map((event) => event.detail),
        [{ workOrderNumber: number, known: true, ground: 'fraud-confirmed' }],
      );
    });

    it("given a 差评 not adopted, then the order is withdrawn on that ground; given a ground the system does not know (a model's typo), then nothing is withdrawn and the step fails, never telling 12345 刷评", async () => {
      const caseId = await world.routedCase();
      workOrderNumberOf(await world.worker.handle(delivery(caseId)));
      const named = (ground: string) => ({
        ...withdrawal(caseId),
        activityId: 'Task_WithdrawWorkOrderNotAdopted',
        variable: (name: string) => (name === 'withdrawal' ? ground : undefined),
      });
      const typo = await world.withdrawWorker.handle(named('not-adopt'));
      assert.equal(typo.kind, 'failure');
      assert.notEqual(world.ordersOf(caseId)[0]!.status, 'withdrawn');
      assert.deepEqual(await world.withdrawWorker.handle(named('not-adopted')), { kind: 'complete' });
      assert.equal(world.ordersOf(caseId)[0]!.withdrawal!.reason, WITHDRAWAL_REASONS['not-adopted']);
    });

    it('given a case never handed over, then there is nothing to withdraw: 12345 holds no order for it, the step completes and writes nothing', async () => {
      const caseId = await world.routedCase();
      assert.deepEqual(await world.withdrawWorker.handle(withdrawal(caseId)), { kind: 'complete' });
      assert.deepEqual(
        await world.db('case_events').where({ case_id: caseId, kind: 'hotline-withdrawn' }),
        [],
      );
    });

    it('given a case without a responsible unit yet (no handover can have been tried), then the step completes without asking 12345, even while it is down', async () => {
      const caseId = await world.routedCase();
      await world.db('cases').where({ id: caseId }).update({ responsible_department_id: null });
      await world.simulator.setAvailable(false);
      try {
        assert.deepEqual(await world.withdrawWorker.handle(withdrawal(caseId)), { kind: 'complete' });
      } finally {
        await world.simulator.setAvailable(true);
      }
      assert.deepEqual(
        await world.db('case_events').where({ case_id: caseId, kind: 'hotline-withdrawn' }),
        [],
      );
    });

    it('given a handover whose answer was lost after 12345 took the order (no number stored), when the withdrawal runs twice, then 12345 withdraws the order it keeps for the case, and its number is stored and on the timeline once', async () => {
      const caseId = await world.routedCase();
      const client = createHotlineClient({ baseUrl: world.simulator.url, secret: SECRET });
      const taken = await client.createWorkOrder({
        caseId,
        category: HOTLINE_CATEGORY,
        title: '差评整改',
        description: '…',
        responsibleDepartment: '西安市市场监督管理局',
        raterRealName: null,
      });
      assert.equal(await workOrderNumberOfCase(world.db, caseId), null, 'we never learnt the number');
      const first = await world.withdrawWorker.handle(withdrawal(caseId));
      const second = await world.withdrawWorker.handle(withdrawal(caseId));
      assert.deepEqual([first, second], [{ kind: 'complete' }, { kind: 'complete' }]);
      const [order] = world.ordersOf(caseId);
      assert.equal(order!.number, taken.workOrderNumber);
      assert.equal(order!.status, 'withdrawn');
      assert.equal(order!.withdrawal!.reason, WITHDRAWAL_REASONS['fraud-confirmed']);
      assert.equal(await workOrderNumberOfCase(world.db, caseId), taken.workOrderNumber);
      const events = await world.db('case_events').where({ case_id: caseId, kind: 'hotline-withdrawn' });
      assert.deepEqual(
        events.map((event) => event.detail),
        [
          {
            workOrderNumber: taken.workOrderNumber,
            known: true,
            foundByReference: true,
            ground: 'fraud-confirmed',
          },
        ],
      );
    });

    it('given 12345 is down, then the withdrawal fails with a back-off; when it is back, the next delivery withdraws', async () => {
      const caseId = await world.routedCase();
      workOrderNumberOf(await world.worker.handle(delivery(caseId)));
      await world.simulator.setAvailable(false);
      try {
        const failed = await world.withdrawWorker.handle(withdrawal(caseId));
        assert.equal(failed.kind, 'failure');
        assert.equal((failed as { retryTimeoutMs: number }).retryTimeoutMs, RETRY_BASE_MS);
      } finally {
        await world.simulator.setAvailable(true);
      }
      assert.equal(world.ordersOf(caseId)[0]!.status, 'accepted', 'not withdrawn while 12345 was away');
      assert.deepEqual(await world.withdrawWorker.handle(withdrawal(caseId, 19)), { kind: 'complete' });
      assert.equal(world.ordersOf(caseId)[0]!.status, 'withdrawn');
    });

    it('given a work order 12345 does not know or another secret, then false or 401, and nothing changes', async () => {
      const client = createHotlineClient({ baseUrl: world.simulator.url, secret: SECRET });
      const unknown = { workOrderNumber: '12345-20000101-9999', caseId: randomUUID(), reason: '测试' };
      assert.equal(await client.withdrawWorkOrder(unknown), false);
      assert.equal(await client.withdrawWorkOrderOfCase(unknown), undefined, 'no order kept for that case');
      const caseId = await world.routedCase();
      const workOrderNumber = workOrderNumberOf(await world.worker.handle(delivery(caseId)));
      const forged = createHotlineClient({ baseUrl: world.simulator.url, secret: 'not-the-shared-secret' });
      await assert.rejects(
        forged.withdrawWorkOrder({ workOrderNumber, caseId, reason: '测试' }),
        (error: unknown) => error instanceof HotlineError && error.status === 401,
      );
      await assert.rejects(
        client.withdrawWorkOrder({ workOrderNumber, caseId: randomUUID(), reason: '测试' }),
        (error: unknown) => error instanceof HotlineError && error.status === 400,
        "another case's reference",
      );
      assert.equal(world.ordersOf(caseId)[0]!.status, 'accepted');
    });
  });

  describe('the client against a 12345 that answers more than the contract asks', () => {
    it('given a long 200 answer to a withdrawal, then it is withdrawn, by number (any 200) and by reference (its number read from the whole answer)', async () => {
      const answer = JSON.stringify({
        workOrderNumber: '12345-20261127-0042',
        status: 'withdrawn',
        title: '长'.repeat(400),
      });
      const server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const client = createHotlineClient({ baseUrl: `http://127.0.0.1:${port}`, secret: SECRET });
        const caseId = randomUUID();
        const byNumber = { workOrderNumber: '12345-20261127-0042', caseId, reason: '测试' };
        assert.equal(await client.withdrawWorkOrder(byNumber), true);
        assert.equal(await client.withdrawWorkOrderOfCase({ caseId, reason: '测试' }), '12345-20261127-0042');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('the client against the simulator', () => {
    it('given the same case twice, then one order: created, then the existing one', async () => {
      const client = createHotlineClient({ baseUrl: world.simulator.url, secret: SECRET });
      const order = {
        caseId: randomUUID(),
        category: HOTLINE_CATEGORY,
        title: '差评整改',
        description: '…',
        responsibleDepartment: '西安市人力资源和社会保障局',
        raterRealName: '李四',
        raterPhone: '13900000000',
      } as const;
      const first = await client.createWorkOrder(order);
      const second = await client.createWorkOrder(order);
      assert.equal(first.created, true);
      assert.deepEqual(second, { workOrderNumber: first.workOrderNumber, created: false });
      assert.equal(world.ordersOf(order.caseId).length, 1);
    });

    it('given another secret, then the hotline refuses the order (401) and keeps none', async () => {
      const client = createHotlineClient({ baseUrl: world.simulator.url, secret: 'not-the-shared-secret' });
      const caseId = randomUUID();
      await assert.rejects(
        client.createWorkOrder({
          caseId,
          category: HOTLINE_CATEGORY,
          title: 't',
          description: 'd',
          responsibleDepartment: 'x',
          raterRealName: null,
        }),
        (error: unknown) => error instanceof HotlineError && error.status === 401,
      );
      assert.equal(world.ordersOf(caseId).length, 0);
    });
  });
});
