// A supervisor's review of a fraud-flagged rating (art. 23), issue 5, over HTTP against a real PostgreSQL:
// confirmed, the rating leaves counted_evaluations (what statistics read) while the ledger keeps it unchanged
// and still verifies; dismissed, it stands. Once per rating, only of a flagged rating of the reviewer's
// jurisdiction, and every refusal writes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { verifyLedger } from '../../infra/ledger/verify.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { createHotlineClient } from '../../infra/hotline/client.ts';
import { createFraudCaseEnder } from '../../infra/outbox/fraud-case-ender.ts';
import { END_FRAUD_CASE } from '../../infra/stores/fraud-review-store.ts';
import { recordNotAdopted } from '../../infra/stores/decision-store.ts';
import {
  down as reviewsDown,
  up as reviewsUp,
} from '../../migrations/20261203100000_fraud_review_decisions.ts';
import {
  eventually,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { rolledBack } from '../support/databases.ts';
import { addStaffMember, DISTRICT_SUPERVISOR, staff } from '../support/staff.ts';

const T0 = Date.parse('2026-11-26T02:00:00Z');
const HOUR = 60 * 60_000;
// 王芳's work phone (demo data): a rating from it is flagged staff-phone, one rating is enough.
const STAFF_PHONE = '13991000101';

describe('reviewing fraud flags (issue 5, art. 23)', () => {
  let world: RatingApi;
  let hour = 0;

  before(async () => {
    world = await startRatingApi('hcp_test_db_fraud_review');
    await addStaffMember(world.db, DISTRICT_SUPERVISOR);
  });

  after(() => world.stop());

  /** A QR 非常满意 of a new 办件, an hour after the last, from its own IP; from the staff phone unless told. */
  async function rate(
    record: Record<string, unknown> = {},
    phone = STAFF_PHONE,
    body: Record<string, unknown> = {},
  ): Promise<string> {
    const registered = serviceRecordBody(record);
    const stored = await postJson(world.api, '/api/service-records', registered, HANDLING_SYSTEM_HEADERS);
    assert.equal(stored.status, 201);
    hour += 1;
    world.setNow(new Date(T0 + hour * HOUR));
    const response = await postRating(
      world.api,
      world.protector,
      {
        serviceRecordId: registered.id,
        channel: 'qr-code',
        level: 'very-satisfied',
        rater: { phone },
        ...body,
      },
      { 'x-forwarded-for': `198.51.100.${hour}` },
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id as string;
  }

  async function flaggedRating(
    record: Record<string, unknown> = {},
    body: Record<string, unknown> = {},
  ): Promise<string> {
    const id = await rate(record, STAFF_PHONE, body);
    await eventually(
      () => world.db('fraud_flags').where({ evaluation_id: id, signal: 'staff-phone' }).first(),
      {
        what: `staff-phone flag on ${id}`,
      },
    );
    return id;
  }

  const review = async (user: string | undefined, id: string, body: unknown) =>
    postJson(
      world.api,
      `/api/evaluations/${id}/fraud-review`,
      body,
      user ? (await staff(world.api, user)).headers : {},
    );

  const decisionsOf = (id: string) => world.db('evaluation_decisions').where({ evaluation_id: id });
  const counted = async (id: string) => (await world.db('counted_evaluations').where({ id })).length === 1;

  async function flagsListed(user: string, state: string) {
    const response = await (
      await staff(world.api, user)
    ).get(`/api/fraud-flags?since=2000-01-01T00:00:00Z&state=${state}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.flags as Record<string, any>[];
  }

  it('given a flagged 好评 and a supervisor who confirms it, then it leaves the statistics, its dimensions’ too, the rating and the chain are untouched, and the flag shows the review', async () => {
    const id = await flaggedRating({}, { dimensions: { attitude: 'very-satisfied', quality: 'satisfied' } });
    const rating = await world.db('evaluations').where({ id }).first();
    assert.equal(await counted(id), true);
    const countedDimensions = () =>
      world.db('counted_rating_dimensions').where({ id, ledger: 'evaluations' });
    assert.deepEqual(
      (await countedDimensions()).map((row) => [row.attitude, row.quality, row.efficiency]),
      [['very-satisfied', 'satisfied', null]],
    );
    assert.ok((await flagsListed('sun.li', 'open')).some((flag) => flag.evaluation.id === id));

    world.setNow(new Date(T0 + 1000 * HOUR));
    const response = await review('sun.li', id, {
      outcome: 'confirmed',
      basis: '评价人系本窗口工作人员，自评刷好评',
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    assert.deepEqual(response.body, {
      evaluationId: id,
      review: {
        outcome: 'confirmed',
        outcomeLabel: '确认刷评',
        basis: '评价人系本窗口工作人员，自评刷好评',
        reviewedBy: { id: 'sun.li', name: response.body.review.reviewedBy.name },
        reviewedAt: new Date(T0 + 1000 * HOUR).toISOString(),
      },
    });

    assert.match(response.body.review.reviewedBy.name, /^[\u4e00-\u9fff]+$/, 'the reviewer by name');
    assert.equal(await counted(id), false, 'statistics leave it out');
    assert.deepEqual(await world.db('counted_ratings').where({ id }), [], 'both ledgers’ statistics too');
    assert.deepEqual(await countedDimensions(), [], 'and the dimension statistics');
    assert.equal(
      (await world.db('rating_dimensions').where({ evaluation_id: id })).length,
      1,
      'kept as evidence',
    );
    assert.deepEqual(await world.db('evaluations').where({ id }).first(), rating, 'the rating is untouched');
    const verified = await verifyLedger(world.db);
    assert.equal(verified.ok, true);
    const [decision, ...more] = await decisionsOf(id);
    assert.equal(more.length, 0);
    assert.deepEqual(
      [decision.decision, decision.case_id, decision.reason, decision.decided_by],
      ['fraud-confirmed', null, null, 'sun.li'],
    );

    const open = await flagsListed('sun.li', 'open');
    assert.ok(!open.some((flag) => flag.evaluation.id === id), 'no longer open');
    const [listed] = (await flagsListed('sun.li', 'reviewed')).filter((flag) => flag.evaluation.id === id);
    assert.equal(listed!.review.outcome, 'confirmed');
    assert.equal(listed!.review.reviewedBy.id, 'sun.li');
    assert.match(listed!.review.reviewedBy.name, /[\u4e00-\u9fff]/, 'the reviewer by name');
    assert.ok((await flagsListed('sun.li', 'all')).some((flag) => flag.evaluation.id === id));
    // reviewed: by the review's time, whenever the flag was raised.
    const reviewedSince = async (hours: number) =>
      (
        await (
          await staff(world.api, 'sun.li')
        ).get(`/api/fraud-flags?state=reviewed&since=${new Date(T0 + hours * HOUR).toISOString()}`)
      ).body.flags.map((flag: any) => flag.evaluation.id);
    assert.ok((await reviewedSince(999)).includes(id));
    assert.ok(!(await reviewedSince(1001)).includes(id));
    assert.equal(listed!.evaluation.text, '');
    assert.equal(listed!.evaluation.caseId, null, 'a 好评 has no case');
    assert.deepEqual(listed!.evaluation.tags, []);
  });

  it('given the same review sent again, then 200 with the first and nothing new; a different one, or the same from another reviewer, is refused with what was decided', async () => {
    const id = await flaggedRating();
    const body = { outcome: 'dismissed', basis: '经核实，该同事以个人身份办理本人业务后评价，属实' };
    const first = await review('sun.li', id, body);
    assert.equal(first.status, 201);
    const again = await review('sun.li', id, body);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    for (const [user, other] of [
      ['sun.li', { outcome: 'confirmed', basis: body.basis }],
      ['sun.li', { outcome: 'dismissed', basis: '另一依据' }],
      ['admin', body],
    ] as const) {
      const refused = await review(user, id, other);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.id, 'fraud_review.already_decided');
      assert.match(refused.body.error.message, /不可更改/);
      assert.equal(refused.body.error.details.outcome, 'dismissed');
      assert.equal(refused.body.error.details.reviewedBy, 'sun.li');
      assert.match(refused.body.error.details.reviewerName, /^[\u4e00-\u9fff]+$/);
    }
    assert.equal((await decisionsOf(id)).length, 1);
    assert.equal(await counted(id), true, 'a dismissed flag leaves the rating counted');
  });

  it('given a district unit’s flagged rating, then the district’s supervisor and the city’s may review it, and another district’s rating is not found for the district’s', async () => {
    const district = await flaggedRating({ handlingDepartmentId: 'yt-hrss' });
    const city = await flaggedRating();
    const elsewhere = await review(DISTRICT_SUPERVISOR.id, city, { outcome: 'confirmed', basis: '核查' });
    assert.equal(elsewhere.status, 404);
    assert.equal(elsewhere.body.error.id, 'evaluation.not_found');
    assert.deepEqual(await decisionsOf(city), []);
    assert.ok(
      !(await flagsListed(DISTRICT_SUPERVISOR.id, 'all')).some((flag) => flag.evaluation.id === city),
    );

    const confirmed = await review(DISTRICT_SUPERVISOR.id, district, {
      outcome: 'confirmed',
      basis: '核查属实',
    });
    assert.equal(confirmed.status, 201);
    const other = await flaggedRating({ handlingDepartmentId: 'yt-hrss' });
    assert.equal((await review('sun.li', other, { outcome: 'dismissed', basis: '核查不属实' })).status, 201);
  });

  it('given new flags, then each supervisor whose jurisdiction holds them gets one e-mail an hour, in Chinese, naming no rater', async () => {
    const notices = (user: string) =>
      world.db('notifications').where('idempotency_key', 'like', `fraud-flags:${user}:%`).orderBy('id');
    // A city supervisor whose address was left blank: no notice for them, and none lost for the others.
    await addStaffMember(world.db, {
      id: 'blank.supervisor',
      name: '无邮箱监督员',
      role: 'supervisor',
      departmentId: 'xa-supervision',
    });
    await world.db('users').where({ id: 'blank.supervisor' }).update({ email: '  ' });
    const cityBefore = (await notices('sun.li')).length;
    const districtBefore = (await notices(DISTRICT_SUPERVISOR.id)).length;
    // Two flagged ratings of the city in one hour (flaggedRating moves the clock an hour on: step back once).
    const first = await flaggedRating();
    hour -= 1;
    await flaggedRating();
    await eventually(async () => (await notices('sun.li')).length > cityBefore || undefined, {
      what: 'the city supervisor’s notice',
    });
    // The second rating's check has run too: its flag is in (flaggedRating waited), its notice just after.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const city = (await notices('sun.li')).slice(cityBefore);
    assert.equal(city.length, 1, 'one e-mail for the hour');
    assert.equal(city[0].channel, 'email');
    assert.match(city[0].subject, /刷评线索/);
    assert.match(city[0].body, /工作人员号码评价/);
    assert.doesNotMatch(city[0].body, new RegExp(`${STAFF_PHONE}|${first}`));
    assert.equal((await notices(DISTRICT_SUPERVISOR.id)).length, districtBefore, 'not of another district');
    assert.deepEqual(await notices('blank.supervisor'), []);
    // The supervisor finds the notice sent to them in the message list; another district's does not.
    const listed = async (user: string) =>
      (
        (await (await staff(world.api, user)).get('/api/notifications')).body.notifications as {
          id: number;
        }[]
      ).map((notification) => String(notification.id));
    assert.ok((await listed('sun.li')).includes(String(city[0].id)), 'in their own list');
    assert.ok(
      !(await listed(DISTRICT_SUPERVISOR.id)).includes(String(city[0].id)),
      'not in another supervisor’s',
    );

    const district = await flaggedRating({ handlingDepartmentId: 'yt-hrss' });
    await eventually(
      async () => (await notices(DISTRICT_SUPERVISOR.id)).length > districtBefore || undefined,
      {
        what: `the district supervisor’s notice of ${district}`,
      },
    );
  });

  it('given a flagged 差评 with its case, then the case shows no review until one is made, then the review, to those who see the case', async () => {
    const id = await flaggedRating({}, { level: 'very-dissatisfied', tags: ['态度生硬'] });
    const supervisor = await staff(world.api, 'sun.li');
    const before = await supervisor.get(`/api/cases/${id}`);
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.equal(before.body.evaluation.fraudReview, null);
    const listed = (await flagsListed('sun.li', 'open')).find((flag) => flag.evaluation.id === id);
    assert.equal(listed!.evaluation.caseId, id, 'the flag names the case its 差评 opened');
    assert.equal(listed!.evaluation.caseStatus, 'pending-start', 'and how it stands');
    assert.equal(
      (await review('sun.li', id, { outcome: 'confirmed', basis: '同一号码多次恶意差评，核实属实' })).status,
      201,
    );
    const after = await supervisor.get(`/api/cases/${id}`);
    assert.deepEqual(
      [after.body.evaluation.fraudReview.outcome, after.body.evaluation.fraudReview.basis],
      ['confirmed', '同一号码多次恶意差评，核实属实'],
    );
    assert.match(after.body.evaluation.fraudReview.reviewedBy.name, /^[\u4e00-\u9fff]+$/);
  });

  it('given a burst of three ratings from one phone, then its first rating is flagged too and a confirmation takes it out of the statistics', async () => {
    hour += 1;
    const ids: string[] = [];
    for (const minute of [0, 2, 4]) {
      const registered = serviceRecordBody();
      await postJson(world.api, '/api/service-records', registered, HANDLING_SYSTEM_HEADERS);
      world.setNow(new Date(T0 + hour * HOUR + minute * 60_000));
      const response = await postRating(
        world.api,
        world.protector,
        {
          serviceRecordId: registered.id,
          channel: 'qr-code',
          level: 'very-satisfied',
          rater: { phone: '13800000055' },
        },
        { 'x-forwarded-for': `203.0.113.${minute + 1}` },
      );
      assert.equal(response.status, 201, JSON.stringify(response.body));
      ids.push(response.body.id as string);
    }
    await eventually(
      () => world.db('fraud_flags').where({ evaluation_id: ids[0], signal: 'burst-phone' }).first(),
      { what: 'burst-phone on the first rating of the burst' },
    );
    for (const id of ids) {
      assert.equal(
        (await review('sun.li', id, { outcome: 'confirmed', basis: '同一号码连续刷评' })).status,
        201,
      );
      assert.equal(await counted(id), false, 'out of the statistics');
    }
  });

  it('given a flagged 差评 not adopted after appeal, then it leaves the open list and a review is refused with that decision, writing nothing', async () => {
    const id = await flaggedRating({}, { level: 'very-dissatisfied', tags: ['态度生硬'] });
    await recordNotAdopted(world.db, {
      caseId: id,
      reason: 'malicious',
      basis: '申诉复核认定为恶意差评',
      decidedBy: null,
      decidedAt: new Date(T0 + hour * HOUR),
    });
    const open = await flagsListed('sun.li', 'open');
    assert.equal(
      open.find((flag) => flag.evaluation.id === id),
      undefined,
    );
    const listed = await flagsListed('sun.li', 'all');
    assert.ok(
      listed.some((flag) => flag.evaluation.id === id),
      'still listed among all flags',
    );
    for (const outcome of ['dismissed', 'confirmed']) {
      const refused = await review('sun.li', id, { outcome, basis: '核查' });
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.id, 'fraud_review.not_adopted');
      assert.equal(refused.body.error.details.reason, 'malicious');
    }
    assert.deepEqual(
      (await decisionsOf(id)).map((row) => row.decision),
      ['not-adopted'],
    );
    assert.equal(await counted(id), false);
  });

  describe("the order that ends a confirmed 差评's case", () => {
    const ordersOf = (caseId: string) => world.db('outbox').where({ case_id: caseId, kind: END_FRAUD_CASE });
    // The world's engine address answers nothing (test/support/rating-api.ts): what the drainer does
    // without reaching the engine, and how it waits when it cannot.
    const at = new Date(T0 + 5000 * HOUR);
    const ender = () =>
      createFraudCaseEnder({
        db: world.db,
        engine: createEngineClient({ baseUrl: 'http://127.0.0.1:9/engine-rest', timeoutMs: 500 }),
        hotline: createHotlineClient({ baseUrl: 'http://127.0.0.1:9', secret: 'x'.repeat(16) }),
        clock: () => at,
        log: () => undefined,
      });

    it('given a flagged 差评 confirmed, then the order commits with the review, once, and a dismissal or a 好评 orders nothing', async () => {
      const confirmed = await flaggedRating({}, { level: 'very-dissatisfied', tags: ['态度生硬'] });
      const basis = { outcome: 'confirmed', basis: '评价手机号为窗口工作人员本人号码' };
      assert.equal((await review('sun.li', confirmed, basis)).status, 201);
      assert.equal((await review('sun.li', confirmed, basis)).status, 200, 'the retried review');
      const [order, ...more] = await ordersOf(confirmed);
      assert.equal(more.length, 0);
      assert.equal(order.processed_at, null);

      const dismissed = await flaggedRating({}, { level: 'dissatisfied', tags: ['态度生硬'] });
      assert.equal((await review('sun.li', dismissed, { ...basis, outcome: 'dismissed' })).status, 201);
      assert.deepEqual(await ordersOf(dismissed), []);
      const praise = await flaggedRating();
      assert.equal((await review('sun.li', praise, basis)).status, 201);
      assert.deepEqual(await world.db('outbox').where({ kind: END_FRAUD_CASE, case_id: praise }), []);
    });

    it('given its case not yet started, then the order waits; open with the engine away, it is retried; closed, it is done', async () => {
      const id = await flaggedRating({}, { level: 'very-dissatisfied', tags: ['推诿扯皮'] });
      assert.equal(
        (await review('sun.li', id, { outcome: 'confirmed', basis: '工作人员自评恶意差评' })).status,
        201,
      );
      const row = async () => (await ordersOf(id))[0];
      const { id: orderId } = await row();
      const dueNow = () => world.db('outbox').where({ id: orderId }).update({ available_at: at });
      assert.equal((await world.db('cases').where({ id }).first()).status, 'pending-start');

      await dueNow();
      await ender().poke();
      const waiting = await row();
      assert.deepEqual(
        [waiting.processed_at, waiting.attempts, waiting.last_error],
        [null, 1, 'the case has not started yet'],
      );

      await world.db('cases').where({ id }).update({ status: 'open' });
      await dueNow();
      await ender().poke();
      const retried = await row();
      assert.deepEqual([retried.processed_at, retried.attempts], [null, 2]);
      assert.ok(retried.available_at > at, 'due again after the back-off');

      await world.db('cases').where({ id }).update({ status: 'closed' });
      await dueNow();
      await ender().poke();
      const done = await row();
      assert.deepEqual([done.processed_at, done.last_error], [at, 'the case had closed']);
    });
  });

  describe('refusals, each with nothing written', () => {
    let flagged: string;
    let unflagged: string;
    before(async () => {
      flagged = await flaggedRating();
      unflagged = await rate({}, '13800000077');
      // Let the server's own check of the unflagged rating finish, so its verdict (none) is in.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(await world.db('fraud_flags').where({ evaluation_id: unflagged }), []);
    });

    const valid = { outcome: 'confirmed', basis: '核查属实' };
    const cases: [string, string | undefined, () => string, unknown, number, string][] = [
      ['no session', undefined, () => flagged, valid, 401, 'auth.required'],
      ['a unit staff member', 'wang.fang', () => flagged, valid, 403, 'auth.forbidden'],
      ['a 12345 operator', 'liu.yang', () => flagged, valid, 403, 'auth.forbidden'],
      ['an approval reviewer', 'zhao.min', () => flagged, valid, 403, 'auth.forbidden'],
      ['no basis', 'sun.li', () => flagged, { outcome: 'confirmed' }, 400, 'fraud_review.basis_required'],
      [
        'a blank basis',
        'sun.li',
        () => flagged,
        { outcome: 'confirmed', basis: '   ' },
        400,
        'fraud_review.basis_required',
      ],
      [
        'an outcome not offered',
        'sun.li',
        () => flagged,
        { outcome: 'deleted', basis: '核查' },
        400,
        'request.invalid',
      ],
      ['a field too many', 'sun.li', () => flagged, { ...valid, level: 'satisfied' }, 400, 'request.invalid'],
      ['an unknown rating', 'sun.li', () => randomUUID(), valid, 404, 'evaluation.not_found'],
      ['an id that is no rating id', 'sun.li', () => 'x', valid, 404, 'evaluation.not_found'],
      ['a rating no signal flagged', 'sun.li', () => unflagged, valid, 409, 'fraud_review.not_flagged'],
    ];
    for (const [what, user, target, body, status, errorId] of cases) {
      it(`given ${what}, then ${status} ${errorId}`, async () => {
        const before = await world.db('evaluation_decisions').count({ n: '*' });
        const response = await review(user, target(), body);
        assert.equal(response.status, status, JSON.stringify(response.body));
        assert.equal(response.body.error.id, errorId);
        assert.match(response.body.error.message, /[\u4e00-\u9fff]/);
        assert.deepEqual(await world.db('evaluation_decisions').count({ n: '*' }), before);
      });
    }
  });

  it('given the table itself, then a fraud review cannot name a case or an appeal reason, nor come twice, nor change', async () => {
    const id = await flaggedRating();
    const row = {
      evaluation_id: id,
      decision: 'fraud-confirmed',
      basis: 'x',
      decided_by: 'sun.li',
      decided_at: new Date(),
    };
    await assert.rejects(
      world.db('evaluation_decisions').insert({ ...row, reason: 'malicious' }),
      /evaluation_decisions_reason_check/,
    );
    await assert.rejects(
      world.db('evaluation_decisions').insert({ ...row, decided_by: null }),
      /evaluation_decisions_reason_check/,
    );
    await world.db('evaluation_decisions').insert(row);
    await assert.rejects(
      world.db('evaluation_decisions').insert({ ...row, decision: 'fraud-dismissed' }),
      /evaluation_decisions_one_fraud_review/,
    );
    await assert.rejects(
      world.db('evaluation_decisions').where({ evaluation_id: id }).update({ decision: 'fraud-dismissed' }),
      /append-only/,
    );
    assert.equal(await counted(id), false);
  });

  it('given fraud reviews, then the migration refuses to be taken back; with none, down and up change only what it added, the grants on the views kept', async () => {
    const confirmed = await flaggedRating();
    assert.equal(
      (await review('sun.li', confirmed, { outcome: 'confirmed', basis: '核查属实' })).status,
      201,
    );
    const constraint = async (trx: typeof world.db) =>
      (
        await trx.raw<{ rows: { definition: string }[] }>(
          "select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'evaluation_decisions_decision_check'",
        )
      ).rows[0]!.definition;
    const readable = async (trx: typeof world.db, view: string) =>
      (
        await trx.raw<{ rows: { ok: boolean }[] }>(
          "select has_table_privilege('hcp_app_writer', ?, 'select') as ok",
          [view],
        )
      ).rows[0]!.ok;
    const countedIn = async (trx: typeof world.db, view: string) =>
      (await trx(view).where({ id: confirmed })).length === 1;

    await rolledBack(world.db, async (trx) => {
      await assert.rejects(reviewsDown(trx), /holds \d+ fraud review\(s\)/);
      assert.match(await constraint(trx), /fraud-confirmed/, 'nothing was taken back');
    });
    await rolledBack(world.db, async (trx) => {
      // As docs/ledger.md has a deployment grant its app role the statistics views.
      await trx.raw('grant select on counted_evaluations, counted_ratings to hcp_app_writer');
      await trx.raw('alter table evaluation_decisions disable trigger evaluation_decisions_append_only');
      await trx('evaluation_decisions').whereIn('decision', ['fraud-confirmed', 'fraud-dismissed']).delete();
      await reviewsDown(trx);
      assert.doesNotMatch(await constraint(trx), /fraud/);
      assert.equal(await countedIn(trx, 'counted_evaluations'), true);
      for (const view of ['counted_evaluations', 'counted_ratings'])
        assert.equal(await readable(trx, view), true, view);

      await reviewsUp(trx);
      assert.match(await constraint(trx), /fraud-confirmed/);
      await trx('evaluation_decisions').insert({
        evaluation_id: confirmed,
        decision: 'fraud-confirmed',
        basis: '核查属实',
        decided_by: 'sun.li',
        decided_at: new Date(),
      });
      assert.equal(await countedIn(trx, 'counted_evaluations'), false);
      assert.equal(await countedIn(trx, 'counted_ratings'), false);
      for (const view of ['counted_evaluations', 'counted_ratings'])
        assert.equal(await readable(trx, view), true, view);
    });
  });
});
