// art. 10 (a 办件 over its promised time is rateable from the next working day after it) and art. 11
// (nobody rates on a rater's behalf) at the HTTP edge, against a real, migrated PostgreSQL (issue 5).
// Refusals are 4xx with a stable id and a Chinese message, and store nothing: no rating, no case, no
// order to the invitation process.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { prepareEvaluation } from '../../domain/evaluation/intake.ts';
import { PRESET_TAGS } from '../../domain/evaluation/tags.ts';
import { createEvaluationStore } from '../../infra/stores/evaluation-store.ts';
import { isRated } from '../../infra/stores/invitation-store.ts';
import { shippedCalendar } from '../support/calendar.ts';
import { staff } from '../support/staff.ts';
import { startRatingApi } from '../support/rating-api.ts';
import {
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
  receiptPageUrl,
} from '../support/fixtures.ts';
import type { Db } from '../../infra/db.ts';
import type { RatingApi } from '../support/rating-api.ts';

describe('who may rate, and when (issue 5, art. 10 and 11)', () => {
  let rating: RatingApi;
  let db: Db;
  let api: string;
  const setNow = (now: Date) => rating.setNow(now);

  before(async () => {
    rating = await startRatingApi('hcp_test_db_rating_rules');
    ({ db, api } = rating);
  });

  after(() => rating.stop());

  async function counts() {
    const tables = ['evaluations', 'cases', 'invitation_outbox', 'service_records'];
    const values = await Promise.all(
      tables.map(async (table) => Number((await db(table).count({ n: '*' }))[0]!.n)),
    );
    return Object.fromEntries(tables.map((table, index) => [table, values[index]]));
  }

  async function registered(overrides: Record<string, unknown>) {
    const record = serviceRecordBody(overrides);
    const created = await postJson(api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return record;
  }

  const ratingOf = (serviceRecordId: string) => ({
    serviceRecordId,
    channel: 'qr-code',
    level: 'satisfied',
  });

  it('given a window visit whose 办件 is promised for next week, when it is rated at once, then it is stored (art. 9: 每到窗口接受一次服务即可进行1次评价)', async () => {
    setNow(new Date('2026-11-20T09:30:00+08:00'));
    const record = await registered({
      acceptedAt: '2026-11-20T09:00:00+08:00',
      promisedAt: '2026-11-27T17:00:00+08:00',
      completedAt: undefined,
    });
    const rated = await postRating(api, rating.protector, ratingOf(record.id));
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
  });

  it('given a 办件 handled online and not completed by its deadline (Wed 9/30, before 国庆), when it is rated on 10/7, then 400 evaluation.not_yet_rateable naming 10/8 and nothing is stored; on 10/8 it is accepted', async () => {
    const record = await registered({
      channel: 'online',
      acceptedAt: '2026-09-21T09:00:00+08:00',
      promisedAt: '2026-09-30T17:00:00+08:00',
      completedAt: undefined,
    });
    setNow(new Date('2026-10-07T23:59:59+08:00'));
    const before = await counts();
    const early = await postRating(api, rating.protector, ratingOf(record.id));
    assert.equal(early.status, 400);
    assert.equal(early.body.error.id, 'evaluation.not_yet_rateable');
    assert.match(early.body.error.message, /承诺时限的下一个工作日/);
    assert.equal(early.body.error.details.rateableFrom, '2026-10-08T00:00:00.000+08:00');
    assert.deepEqual(await counts(), before);

    setNow(new Date('2026-10-08T00:00:00+08:00'));
    const onTime = await postRating(api, rating.protector, ratingOf(record.id));
    assert.equal(onTime.status, 201, JSON.stringify(onTime.body));
    const order = await db('invitation_outbox').where({ service_record_id: record.id });
    assert.deepEqual(order, [], 'no invitation was started (never completed): no order to tell one');
  });

  it('given a 办件 handled wholly online and not yet completed (art. 9), when it is rated, then 400 evaluation.not_yet_rateable and nothing is stored, and its rating page says why; a window visit without a deadline may be rated at once', async () => {
    setNow(new Date('2026-11-26T10:00:00+08:00'));
    const online = await registered({
      channel: 'online',
      institutionId: undefined,
      platformId: 'xa-online-hall',
      promisedAt: undefined,
      completedAt: undefined,
    });
    const before = await counts();
    const early = await postRating(api, rating.protector, ratingOf(online.id));
    assert.equal(early.status, 400, JSON.stringify(early.body));
    assert.equal(early.body.error.id, 'evaluation.not_yet_rateable');
    assert.match(early.body.error.message, /网上、移动端和自助终端办理的事项办结后方可评价/);
    assert.deepEqual(await counts(), before);
    const page = await (await fetch(receiptPageUrl(api, rating.protector, online.id))).text();
    assert.match(page, /办结后方可评价/);
    assert.doesNotMatch(page, /<form/);

    const visit = await registered({ promisedAt: undefined, completedAt: undefined });
    assert.equal((await postRating(api, rating.protector, ratingOf(visit.id))).status, 201);
  });

  it('given a 办件 whose invitation started (art. 10), when it is rated, then the rating orders the invitation told; one still pending gets no order (its start will see the rating)', async () => {
    setNow(new Date('2026-11-26T10:00:00+08:00'));
    const [started, pending] = [await registered({}), await registered({})];
    // What the invitation outbox records once it has started the process.
    await db('invitation_outbox')
      .where({ key: `start-invitation:${started.id}` })
      .update({ processed_at: new Date(), attempts: 1 });
    for (const record of [started, pending]) {
      assert.equal((await postRating(api, rating.protector, ratingOf(record.id))).status, 201);
    }
    const told = await db('invitation_outbox')
      .whereIn('service_record_id', [started.id, pending.id])
      .where({ kind: 'evaluation-received' });
    assert.deepEqual(
      told.map((row) => row.service_record_id),
      [started.id],
      'the rating tells the started invitation, after commit',
    );
    // The invitation asks for a rating of the service: one of the platform leaves it waiting.
    const online = await registered({ channel: 'online', platformId: 'xa-online-hall' });
    await db('invitation_outbox')
      .where({ key: `start-invitation:${online.id}` })
      .update({ processed_at: new Date(), attempts: 1 });
    const platform = await postRating(api, rating.protector, { ...ratingOf(online.id), target: 'platform' });
    assert.equal(platform.status, 201);
    assert.equal(
      (await db('invitation_outbox').where({ service_record_id: online.id, kind: 'evaluation-received' }))
        .length,
      0,
    );
    assert.equal(await isRated(db, online.id), false, 'the reminder and 未评 still follow');
    assert.equal((await postRating(api, rating.protector, ratingOf(online.id))).status, 201);
    assert.equal(await isRated(db, online.id), true);
  });

  it('given a completed 办件 or one without a promised deadline (a window visit), when it is rated, then it is accepted', async () => {
    setNow(new Date('2026-11-26T10:00:00+08:00'));
    const completed = await registered({});
    assert.equal((await postRating(api, rating.protector, ratingOf(completed.id))).status, 201);
    const visit = await registered({ promisedAt: undefined, completedAt: undefined });
    assert.equal((await postRating(api, rating.protector, ratingOf(visit.id))).status, 201);
  });

  describe('the rating window (art. 10: 5 working days after the reminder, then 未评)', () => {
    const completedAt = '2026-11-20T10:00:00+08:00';
    const closesAt = new Date('2026-11-27T23:59:59+08:00');

    /** A completed 办件 whose invitation was scheduled with that window. */
    async function invited() {
      const record = await registered({ completedAt });
      await db('evaluation_invitations').insert({
        service_record_id: record.id,
        completed_at: completedAt,
        reminder_at: '2026-11-21T10:00:00+08:00',
        window_closes_at: closesAt,
        window_provisional: false,
        scheduled_at: completedAt,
      });
      return record;
    }

    it('given a 办件 whose window has closed, when it is rated, then 400 evaluation.window_closed naming the end and nothing is stored; before the end it is accepted', async () => {
      const [late, inTime] = [await invited(), await invited()];
      setNow(new Date('2026-11-28T00:00:01+08:00'));
      const before = await counts();
      const refused = await postRating(api, rating.protector, ratingOf(late.id));
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.id, 'evaluation.window_closed');
      assert.equal(refused.body.error.details.windowClosesAt, closesAt.toISOString());
      assert.match(refused.body.error.message, /未评/);
      assert.deepEqual(await counts(), before);
      setNow(new Date('2026-11-27T23:59:00+08:00'));
      assert.equal((await postRating(api, rating.protector, ratingOf(inTime.id))).status, 201);
    });

    it('given a 办件 recorded 未评, when it is rated after its window, then 400 evaluation.window_closed; a rating judged before 未评 was recorded and appended after counts if it was given within the window, and is refused by the ledger if not', async () => {
      const unratedAfterwards = async () => {
        const record = await invited();
        await db('unrated_service_records').insert({
          service_record_id: record.id,
          window_closed_at: closesAt,
          recorded_at: new Date('2026-11-28T00:00:00+08:00'),
        });
        return record.id;
      };
      setNow(new Date('2026-11-28T00:00:01+08:00'));
      const refused = await postRating(api, rating.protector, ratingOf(await unratedAfterwards()));
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.id, 'evaluation.window_closed');
      assert.equal(refused.body.error.details.recordedUnrated, true);

      // The race: judged by facts read before 未评 was recorded, appended after it.
      const store = createEvaluationStore(db);
      const judgedBefore = async (serviceRecordId: string, ratedAt: Date) => {
        const facts = (await store.findServiceRecord(serviceRecordId))!;
        return prepareEvaluation(
          {
            serviceRecordId,
            level: 'satisfied',
            target: 'service',
            channel: 'qr-code',
            tags: [],
            text: '',
            realName: false,
          },
          {
            record: { ...facts, recordedUnrated: false, ratingWindowClosesAt: null },
            ratedAt,
            calendar: await shippedCalendar(),
            presetTags: PRESET_TAGS,
            protector: rating.protector,
            id: randomUUID(),
          },
        );
      };
      const late = await judgedBefore(await unratedAfterwards(), new Date('2026-11-28T00:00:00+08:00'));
      const before = await counts();
      await assert.rejects(
        store.append(late),
        (error: unknown) => error instanceof DomainError && error.id === 'evaluation.window_closed',
      );
      assert.deepEqual(await counts(), before);
      // In its window's last second: given in time.
      const inTime = await judgedBefore(await unratedAfterwards(), new Date(closesAt.getTime() + 500));
      await store.append(inTime);
      assert.equal((await db('evaluations').where({ id: inTime.id })).length, 1);
      // The check still never scans (20261203120000): its settings survived its replacement.
      const check = await db.raw<{ rows: { proconfig: string[] }[] }>(
        "select proconfig from pg_proc where proname = 'evaluations_not_after_unrated_check'",
      );
      assert.ok(check.rows[0]!.proconfig.includes('enable_seqscan=off'), String(check.rows[0]!.proconfig));
    });
  });

  it('given a browser signed in as staff, when it posts a rating, then 403 evaluation.staff_cannot_rate and nothing is stored', async () => {
    setNow(new Date('2026-11-26T10:00:00+08:00'));
    const record = await registered({});
    const before = await counts();
    const response = await fetch(`${api}/api/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await staff(api, 'wang.fang')).headers },
      body: JSON.stringify(ratingOf(record.id)),
    });
    assert.equal(response.status, 403);
    const body = (await response.json()) as { error: { id: string; message: string } };
    assert.equal(body.error.id, 'evaluation.staff_cannot_rate');
    assert.equal(body.error.message, '工作人员不得代替服务对象评价。');
    assert.deepEqual(await counts(), before);
  });

  it('given a staff session whose cookie is sent without its CSRF token, when it posts a rating, then 403 and nothing is stored', async () => {
    setNow(new Date('2026-11-26T10:00:00+08:00'));
    const record = await registered({});
    const before = await counts();
    const { cookie } = (await staff(api, 'li.qiang')).headers;
    const response = await postRating(api, rating.protector, ratingOf(record.id), { cookie: cookie! });
    assert.equal(response.status, 403);
    assert.equal(response.body.error.id, 'auth.csrf_invalid');
    assert.deepEqual(await counts(), before);
  });

  const badRecords: [string, Record<string, unknown>, number, string][] = [
    ['an applicant phone that is not a number', { applicant: { phone: '请拨打' } }, 400, 'request.invalid'],
    [
      'an applicant with unexpected fields',
      { applicant: { phone: '13800000000', name: '张三' } },
      400,
      'request.invalid',
    ],
    [
      'a completion before acceptance',
      { acceptedAt: '2026-11-20T09:00:00+08:00', completedAt: '2026-11-19T09:00:00+08:00' },
      400,
      'service_record.times_out_of_order',
    ],
    [
      'a promised deadline before acceptance',
      { acceptedAt: '2026-11-20T09:00:00+08:00', promisedAt: '2026-11-01T17:00:00+08:00' },
      400,
      'service_record.times_out_of_order',
    ],
    [
      'a completion later than now',
      { acceptedAt: '2026-11-20T09:00:00+08:00', completedAt: '2026-12-20T09:00:00+08:00' },
      400,
      'service_record.time_in_future',
    ],
    [
      'an acceptance later than now',
      { acceptedAt: '2026-11-26T11:00:00+08:00', completedAt: undefined, promisedAt: undefined },
      400,
      'service_record.time_in_future',
    ],
  ];
  for (const [what, overrides, status, errorId] of badRecords) {
    it(`given a 办件 with ${what}, when it is registered, then ${status} ${errorId} and neither it nor an invitation is stored`, async () => {
      setNow(new Date('2026-11-26T10:00:00+08:00'));
      const before = await counts();
      const response = await postJson(
        api,
        '/api/service-records',
        serviceRecordBody(overrides),
        HANDLING_SYSTEM_HEADERS,
      );
      assert.equal(response.status, status);
      assert.equal(response.body.error.id, errorId);
      assert.match(response.body.error.message, /[\u4e00-\u9fff]/);
      assert.deepEqual(await counts(), before);
    });
  }

  it('given a completed 办件 with an applicant phone, when it is registered, then the phone is stored encrypted and masked and one invitation is ordered', async () => {
    const record = await registered({ applicant: { phone: '13912345678' } });
    const row = await db('service_records').where({ id: record.id }).first();
    assert.equal(row.applicant_phone_masked, '139****5678');
    assert.match(row.applicant_phone_encrypted, /^v1:/);
    const orders = await db('invitation_outbox').where({ service_record_id: record.id });
    assert.deepEqual(
      orders.map((order) => order.kind),
      ['start-invitation'],
    );
  });

  it('given a 办件 not yet completed, when a completion before its acceptance is reported, then 400 and nothing changes', async () => {
    const record = await registered({ completedAt: undefined });
    const response = await postJson(
      api,
      `/api/service-records/${record.id}/completion`,
      {
        completedAt: '2026-11-01T09:00:00+08:00',
      },
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(response.status, 400);
    assert.equal(response.body.error.id, 'service_record.times_out_of_order');
    const row = await db('service_records').where({ id: record.id }).first();
    assert.equal(row.completed_at, null);
    assert.equal((await db('invitation_outbox').where({ service_record_id: record.id })).length, 0);
    const malformed = await postJson(
      api,
      `/api/service-records/${record.id}/completion`,
      {
        completedAt: '明天',
      },
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.id, 'request.invalid');
    setNow(new Date('2026-11-26T10:00:00+08:00'));
    const ahead = await postJson(
      api,
      `/api/service-records/${record.id}/completion`,
      { completedAt: '2026-11-26T10:30:00+08:00' },
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(ahead.status, 400, 'half an hour ahead of the clock is no completion yet');
    assert.equal(ahead.body.error.id, 'service_record.time_in_future');
    assert.equal((await db('service_records').where({ id: record.id }).first()).completed_at, null);
    const skewed = await postJson(
      api,
      `/api/service-records/${record.id}/completion`,
      { completedAt: '2026-11-26T10:02:00+08:00' },
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(skewed.status, 200, 'two minutes ahead is the reporting system clock running fast');
  });
});
