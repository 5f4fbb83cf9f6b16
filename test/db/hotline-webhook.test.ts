// The 12345 webhook against a real PostgreSQL (issue 4, art. 18): what it must refuse, it refuses with a
// stable id and a Chinese message, and changes nothing. (The return visit's correlation with the engine,
// and its refusal when no case waits for it, are the engine tier's: test/engine/hotline.test.ts.)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/fixtures.ts';
import { postSigned, webhookEvent } from '../support/hotline.ts';
import { delivery, SECRET, startHotlineWorld, workOrderNumberOf } from './hotline-world.ts';
import type { HotlineWorld } from './hotline-world.ts';

describe('the 12345 webhook (issue 4)', () => {
  let world: HotlineWorld;
  before(async () => {
    world = await startHotlineWorld('hcp_test_db_hotline_webhook');
  });
  after(() => world.stop());

  describe('the webhook refuses, and changes nothing', () => {
    async function snapshot() {
      const [events, cases] = await Promise.all([
        world.db('case_events').orderBy('id').select('id', 'idempotency_key'),
        world.db('cases').orderBy('id').select('id', 'status', 'hotline_work_order_number'),
      ]);
      return { events, cases };
    }

    async function assertRefused(
      send: () => Promise<{ status: number; body: Record<string, any> }>,
      status: number,
      id: string,
    ) {
      const before = await snapshot();
      const reply = await send();
      assert.equal(reply.status, status, JSON.stringify(reply.body));
      assert.equal(reply.body.error.id, id);
      assert.match(reply.body.error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
      assert.deepEqual(await snapshot(), before);
    }

    let caseId: string;
    let number: string;
    before(async () => {
      caseId = await world.routedCase();
      const outcome = await world.worker.handle(delivery(caseId));
      number = workOrderNumberOf(outcome);
      // Let the simulator's own "accepted" status land first, so the snapshots compare a quiet database.
      await eventually(() =>
        world.db('case_events').where({ case_id: caseId, kind: 'hotline-status' }).first(),
      );
    });

    const returnVisit = (overrides: Record<string, unknown> = {}) =>
      webhookEvent('return-visit.recorded', {
        workOrderNumber: number,
        externalReference: caseId,
        result: 'satisfied',
        note: '已整改，评价人满意',
        ...overrides,
      });

    it('given no signature, then 401 hotline.bad_signature', async () => {
      await assertRefused(
        async () => {
          const response = await fetch(`${world.api}/api/hotline/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(returnVisit()),
          });
          return { status: response.status, body: (await response.json()) as Record<string, any> };
        },
        401,
        'hotline.bad_signature',
      );
    });

    it('given a request signed with another secret, then 401 hotline.bad_signature', async () => {
      await assertRefused(
        () => postSigned(world.api, returnVisit(), { secret: 'not-the-shared-secret' }),
        401,
        'hotline.bad_signature',
      );
    });

    it('given a body changed after signing, then 401 hotline.bad_signature', async () => {
      await assertRefused(
        () =>
          postSigned(world.api, returnVisit(), {
            secret: SECRET,
            tamper: (body) => body.replace('满意', '不满意'),
          }),
        401,
        'hotline.bad_signature',
      );
    });

    it('given a well-signed request from ten minutes ago, then 401 hotline.stale_timestamp', async () => {
      await assertRefused(
        () =>
          postSigned(world.api, returnVisit(), { secret: SECRET, at: new Date(Date.now() - 10 * 60_000) }),
        401,
        'hotline.stale_timestamp',
      );
    });

    it('given an unknown result, then 400 hotline.unknown_result', async () => {
      await assertRefused(
        () => postSigned(world.api, returnVisit({ result: 'very-happy' }), { secret: SECRET }),
        400,
        'hotline.unknown_result',
      );
    });

    it('given a signed body that is not JSON or not an event, then 400', async () => {
      await assertRefused(
        () => postSigned(world.api, '{"id":', { secret: SECRET }),
        400,
        'request.malformed_json',
      );
      await assertRefused(
        () =>
          postSigned(world.api, { id: 'evt-x', type: 'work-order.deleted', data: {} }, { secret: SECRET }),
        400,
        'request.invalid',
      );
    });

    it('given an unknown case, then 404 hotline.unknown_case', async () => {
      await assertRefused(
        () => postSigned(world.api, returnVisit({ externalReference: randomUUID() }), { secret: SECRET }),
        404,
        'hotline.unknown_case',
      );
      await assertRefused(
        () => postSigned(world.api, returnVisit({ externalReference: 'SR-not-a-case' }), { secret: SECRET }),
        404,
        'hotline.unknown_case',
      );
    });

    it('given another work order number than the case holds, then 409 hotline.work_order_mismatch', async () => {
      await assertRefused(
        () =>
          postSigned(world.api, returnVisit({ workOrderNumber: '12345-20200101-9999' }), { secret: SECRET }),
        409,
        'hotline.work_order_mismatch',
      );
    });

    it('given a closed case, then a return visit is refused with 409 hotline.case_closed', async () => {
      const closedId = await world.routedCase();
      const closedOutcome = await world.worker.handle(delivery(closedId));
      const closedNumber = workOrderNumberOf(closedOutcome);
      await eventually(() =>
        world.db('case_events').where({ case_id: closedId, kind: 'hotline-status' }).first(),
      );
      await world.db('cases').where({ id: closedId }).update({ status: 'closed', closed_at: new Date() });
      const visit = webhookEvent('return-visit.recorded', {
        workOrderNumber: closedNumber,
        externalReference: closedId,
        result: 'satisfied',
        note: '',
      });
      await assertRefused(() => postSigned(world.api, visit, { secret: SECRET }), 409, 'hotline.case_closed');

      // The same refusal, through the simulator's operator: it says so and keeps the order unvisited.
      const before = await snapshot();
      const response = await fetch(`${world.simulator.url}/work-orders/${closedNumber}/return-visit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ result: 'satisfied', note: '评价人满意' }),
      });
      const reply = (await response.json()) as Record<string, any>;
      assert.equal(response.status, 502);
      assert.equal(reply.webhook.status, 409);
      assert.equal(reply.webhook.body.error.id, 'hotline.case_closed');
      assert.equal(
        world.simulator.orders().find((order) => order.number === closedNumber)!.returnVisit,
        null,
      );
      assert.deepEqual(await snapshot(), before);
    });

    it('given a status update sent twice, then one case event and a 200 both times', async () => {
      const status = webhookEvent('work-order.status', {
        workOrderNumber: number,
        externalReference: caseId,
        status: 'dispatched',
        note: '已转责任单位',
      });
      const first = await postSigned(world.api, status, { secret: SECRET });
      const second = await postSigned(world.api, status, { secret: SECRET });
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(second.body.duplicate, true);
      const events = await world.db('case_events').where({ case_id: caseId, kind: 'hotline-status' });
      assert.equal(events.filter((event) => event.detail.status === 'dispatched').length, 1);
    });

    it("given an operator's note naming the rater, then the case keeps it with the name and phones masked", async () => {
      const status = webhookEvent('work-order.status', {
        workOrderNumber: number,
        externalReference: caseId,
        status: 'contacted',
        note: '已联系张三（138-1234-5678），另留号码 13900001234',
      });
      assert.equal((await postSigned(world.api, status, { secret: SECRET })).status, 200);
      const stored = await world
        .db('case_events')
        .where({ case_id: caseId, kind: 'hotline-status' })
        .whereRaw("detail->>'status' = 'contacted'")
        .first();
      assert.equal(stored.detail.note, '已联系张*（138****5678），另留号码 139****1234');
    });
  });
});
