// The published figures (art. 25) and the ranking of units (art. 26–28), issue 5's statistics over the real
// ledger: counted as statistics count (a rating not adopted after appeal or confirmed fraudulent is left out),
// by Beijing month, with the 办件 rated or 未评 and the 差评 cases' progress; over the API and as the public page,
// which shows no rater. A month that is no month gets 400 in Chinese.
import assert from 'node:assert/strict';
import { recordNotAdopted } from '../../infra/stores/decision-store.ts';
import { recordFraudReview } from '../../infra/stores/fraud-review-store.ts';
import { closeCase } from '../../infra/stores/case-store.ts';
import { ON_SITE_CHANNELS } from '../../domain/evaluation/channels.ts';
import { MIN_RATINGS_TO_RANK } from '../../domain/statistics/indicators.ts';
import { importPublicComment } from '../support/public-comments.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import {
  badReviewBody,
  getJson,
  postJson,
  postRating,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
} from '../support/fixtures.ts';

describe('published figures and the ranking of units (issue 5, art. 23, 25–28)', () => {
  let world: RatingApi;
  const rated: Record<string, string> = {};

  before(async () => {
    world = await startRatingApi('hcp_test_db_statistics');
  });

  after(() => world.stop());

  /** A window 办件 rated at `at` (Beijing time) with `body`; its rating's id. */
  async function rateAt(at: string, body: Record<string, unknown>, record: Record<string, unknown> = {}) {
    const registered = serviceRecordBody({
      acceptedAt: '2026-10-01T09:00:00+08:00',
      promisedAt: undefined,
      completedAt: undefined,
      ...record,
    });
    const stored = await postJson(world.api, '/api/service-records', registered, HANDLING_SYSTEM_HEADERS);
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    world.setNow(new Date(at));
    const response = await postRating(world.api, world.protector, {
      channel: 'qr-code',
      ...body,
      serviceRecordId: registered.id,
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return { id: response.body.id as string, serviceRecordId: registered.id };
  }

  before(async () => {
    // November: three 非常满意, one 满意, one 基本满意, two 差评 — one of them later not adopted — and one
    // 非常满意 confirmed fraudulent; one 非常满意 in the last minutes of November, one just after midnight.
    for (const [index, level] of [
      'very-satisfied',
      'very-satisfied',
      'satisfied',
      'basically-satisfied',
    ].entries()) {
      await rateAt(`2026-11-0${index + 2}T10:00:00+08:00`, { level });
    }
    rated.late = (await rateAt('2026-11-30T23:50:00+08:00', { level: 'very-satisfied' })).id;
    rated.fraud = (await rateAt('2026-11-10T10:00:00+08:00', { level: 'very-satisfied' })).id;
    rated.kept = (await rateAt('2026-11-11T10:00:00+08:00', badReviewBody('', { level: 'dissatisfied' }))).id;
    rated.dropped = (await rateAt('2026-11-12T10:00:00+08:00', badReviewBody(''))).id;
    rated.december = (await rateAt('2026-12-01T00:10:00+08:00', { level: 'satisfied' })).id;
    // October, another unit: the month before.
    await rateAt(
      '2026-10-20T10:00:00+08:00',
      { level: 'satisfied' },
      { itemCode: 'XA-RS-0001', handlingDepartmentId: 'xa-hrss', institutionId: 'xa-hall-w02' },
    );
    await world.db('fraud_flags').insert({
      evaluation_id: rated.fraud,
      signal: 'staff-phone',
      reasons: '测试',
      details: '{}',
    });
    await recordFraudReview(world.db, {
      evaluationId: rated.fraud,
      outcome: 'confirmed',
      basis: '核查属实',
      reviewerId: 'sun.li',
      departmentScope: 'all',
      at: new Date('2026-11-20T10:00:00+08:00'),
    });
    await recordNotAdopted(world.db, {
      caseId: rated.dropped,
      reason: 'malicious',
      basis: '申诉复核认定',
      decidedBy: null,
      decidedAt: new Date('2026-11-20T10:00:00+08:00'),
    });
    // The kept 差评's case: rectified on time, answered, visited by 12345 and found satisfactory, closed.
    await world.db('cases').where({ id: rated.kept }).update({ status: 'closed', outcome: 'rectified' });
    await world.db('rater_answers').insert({
      case_id: rated.kept,
      channel: 'sms',
      message: '已整改',
      answered_at: new Date('2026-11-13T10:00:00+08:00'),
    });
    await world.db('sla_clocks').insert({
      case_id: rated.kept,
      stage: 'rectify',
      started_at: new Date('2026-11-11T11:00:00+08:00'),
      due_at: new Date('2026-11-18T23:59:59+08:00'),
      working_days: 5,
      done_at: new Date('2026-11-13T09:00:00+08:00'),
      state: 'met',
    });
    // The other 差评's rectification runs past its deadline, its overdue timer not yet fired: late already.
    await world.db('sla_clocks').insert({
      case_id: rated.dropped,
      stage: 'rectify',
      started_at: new Date('2026-11-12T11:00:00+08:00'),
      due_at: new Date('2026-11-19T23:59:59+08:00'),
      working_days: 5,
      state: 'on-track',
    });
    await world.db('case_events').insert({
      case_id: rated.kept,
      kind: 'return-visit-recorded',
      stage: 'return-visit',
      detail: JSON.stringify({ result: 'satisfied', round: 1 }),
      idempotency_key: `return-visit-recorded:${rated.kept}:1`,
      occurred_at: new Date('2026-11-14T10:00:00+08:00'),
    });
    await world.db('sla_clocks').insert({
      case_id: rated.kept,
      stage: 'return-visit',
      started_at: new Date('2026-11-13T09:00:00+08:00'),
      due_at: new Date('2026-11-16T23:59:59+08:00'),
      working_days: 1,
      done_at: new Date('2026-11-14T10:00:00+08:00'),
      state: 'met',
    });
    // 办件 completed in November (each invites a rating): two rated, one 未评, one still waiting, and one rated
    // only by a rating confirmed fraudulent (its rater never rated it).
    const invited = [];
    world.setNow(new Date('2026-11-17T12:00:00+08:00'));
    for (let index = 0; index < 5; index++) {
      const registered = serviceRecordBody({
        acceptedAt: '2026-11-16T09:00:00+08:00',
        promisedAt: undefined,
        completedAt: '2026-11-16T10:00:00+08:00',
      });
      const stored = await postJson(world.api, '/api/service-records', registered, HANDLING_SYSTEM_HEADERS);
      assert.equal(stored.status, 201, JSON.stringify(stored.body));
      invited.push(registered.id);
    }
    for (const serviceRecordId of invited.slice(0, 2)) {
      const response = await postRating(world.api, world.protector, {
        serviceRecordId,
        channel: 'qr-code',
        level: 'satisfied',
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }
    await world.db('unrated_service_records').insert({
      service_record_id: invited[2],
      window_closed_at: new Date('2026-11-23T23:59:59+08:00'),
      recorded_at: new Date('2026-11-24T00:00:05+08:00'),
    });
    const faked = await postRating(world.api, world.protector, {
      serviceRecordId: invited[4],
      channel: 'qr-code',
      level: 'very-satisfied',
    });
    assert.equal(faked.status, 201, JSON.stringify(faked.body));
    await world.db('fraud_flags').insert({
      evaluation_id: faked.body.id,
      signal: 'staff-phone',
      reasons: '测试',
      details: '{}',
    });
    await recordFraudReview(world.db, {
      evaluationId: faked.body.id,
      outcome: 'confirmed',
      basis: '工作人员代评',
      reviewerId: 'sun.li',
      departmentScope: 'all',
      at: new Date('2026-11-25T10:00:00+08:00'),
    });
    world.setNow(new Date('2026-12-01T09:00:00+08:00'));
  });

  it('given November, then its ratings are counted without the one not adopted and the one confirmed fraudulent, by level and channel', async () => {
    const { status, body } = await getJson(world.api, '/api/public/statistics?month=2026-11');
    assert.equal(status, 200, JSON.stringify(body));
    // 3 非常满意 (the late one in), 3 满意 (two invited 办件), 1 基本满意, 1 不满意; not the dropped, the fraud.
    assert.deepEqual(
      body.ratings.levels.map((level: { label: string; count: number }) => [level.label, level.count]),
      [
        ['非常满意', 3],
        ['满意', 3],
        ['基本满意', 1],
        ['不满意', 1],
        ['非常不满意', 0],
      ],
    );
    assert.equal(body.ratings.total, 8);
    assert.equal(body.ratings.badReviews, 1);
    assert.equal(body.ratings.goodRate, 0.875);
    assert.equal(body.ratings.badRate, 0.125);
    assert.deepEqual(body.ratings.channels, [{ channel: 'qr-code', label: '二维码', count: 8, share: 1 }]);
    assert.deepEqual(body.period, {
      month: '2026-11',
      label: '2026年11月',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
    });
  });

  it('given November, then the 办件 completed in it are told rated, 未评 (or rated only fraudulently, counted with them) or waiting, and the 差评 cases how far they got', async () => {
    const { body } = await getJson(world.api, '/api/public/statistics?month=2026-11');
    assert.deepEqual(body.invitations, {
      completed: 5,
      rated: 2,
      unrated: 1,
      ratedFraudulently: 1,
      waiting: 1,
      unratedRate: 0.5,
    });
    const { cases } = body;
    assert.deepEqual(
      [cases.opened, cases.closed, cases.open, cases.answered, cases.answerRate],
      [2, 1, 1, 1, 0.5],
    );
    assert.deepEqual([cases.rectifyOnTime, cases.rectifyLate, cases.rectifyOnTimeRate], [1, 1, 0.5]);
    assert.deepEqual([cases.returnVisits, cases.returnVisitSatisfiedRate], [1, 1]);
    assert.deepEqual([cases.returnVisitsDue, cases.returnVisited, cases.returnVisitRate], [1, 1, 1]);
    assert.deepEqual(cases.outcomes, [{ outcome: 'rectified', label: '已整改', count: 1 }]);
  });

  it('given November, then its units are listed with their counts, too few to rank, beside October', async () => {
    const { body } = await getJson(world.api, '/api/public/statistics?month=2026-11');
    assert.equal(body.previousPeriod.month, '2026-10');
    assert.deepEqual(
      body.units.ranking.map((unit: Record<string, unknown>) => [unit.departmentId, unit.total, unit.rank]),
      [['xa-market', 8, null]],
    );
    const october = await getJson(world.api, '/api/public/statistics?month=2026-10');
    assert.deepEqual(
      october.body.units.ranking.map((unit: Record<string, unknown>) => [unit.departmentId, unit.total]),
      [['xa-hrss', 1]],
    );
    const december = await getJson(world.api, '/api/public/statistics');
    assert.equal(december.body.period.month, '2026-12', 'no month: the current one, in Beijing time');
    assert.equal(december.body.ratings.total, 1);
    const busted = await getJson(world.api, '/api/public/statistics?month=&_=1700000000');
    assert.equal(busted.body.period.month, '2026-12', 'an empty month and a cache-buster: the current month');
    const page = await fetch(`${world.api}/statistics?month=`);
    assert.equal(page.status, 200);
    assert.equal((await fetch(`${world.api}/statistics?month=2026-10&month=2026-11`)).status, 400);
    // The API gives the page's id for the same mistakes: a month twice, or one far too long.
    for (const query of ['month=2026-10&month=2026-11', 'month=2026-11-01T00:00:00']) {
      const refused = await getJson(world.api, `/api/public/statistics?${query}`);
      assert.deepEqual([refused.status, refused.body.error.id], [400, 'statistics.bad_month'], query);
    }
  });

  it('given a platform rating, a 综合点评 of a window and enough ratings of one unit, then each counts for the unit it answers to, and a unit with enough ratings is ranked', async () => {
    // September: the 办件's platform (built by the big-data bureau), a 综合点评 of the HR window, and the
    // market bureau's own ratings, enough to rank it.
    const online = await rateAt(
      '2026-09-10T10:00:00+08:00',
      { level: 'dissatisfied', tags: ['系统不稳定'], target: 'platform' },
      {
        channel: 'online',
        platformId: 'xa-online-hall',
        acceptedAt: '2026-09-01T09:00:00+08:00',
        completedAt: '2026-09-09T09:00:00+08:00',
      },
    );
    assert.ok(online.id);
    const comment = await importPublicComment(
      { db: world.db, protector: world.protector, now: new Date('2026-09-12T10:00:00+08:00') },
      {
        渠道: '意见箱',
        评价对象类型: '服务机构',
        评价对象编号: 'xa-hall-w02',
        评价等级: '满意',
        评价日期: '2026-09-11',
      },
    );
    assert.equal(comment.report.stored, 1);
    for (let index = 0; index < MIN_RATINGS_TO_RANK; index++) {
      await rateAt(
        `2026-09-${String(13 + (index % 10)).padStart(2, '0')}T10:00:00+08:00`,
        { level: 'satisfied' },
        { acceptedAt: '2026-09-01T09:00:00+08:00' },
      );
    }
    world.setNow(new Date('2026-12-01T09:00:00+08:00'));
    const { body } = await getJson(world.api, '/api/public/statistics?month=2026-09');
    assert.deepEqual(
      body.units.ranking.map((unit: Record<string, unknown>) => [
        unit.departmentId,
        unit.total,
        unit.badReviews,
        unit.rank,
      ]),
      [
        ['xa-market', MIN_RATINGS_TO_RANK, 0, 1],
        ['xa-bigdata', 1, 1, null],
        ['xa-hrss', 1, 0, null],
      ],
    );
    assert.deepEqual(
      body.ratings.kinds.map((kind: { kind: string; label: string; count: number }) => [
        kind.kind,
        kind.label,
        kind.count,
      ]),
      [
        ['on-site', '现场评价', MIN_RATINGS_TO_RANK + 1],
        ['public-comment', '综合点评', 1],
      ],
    );
  });

  it('given a theme of two units rated overall through one of its 办件, and real-name 差评 whose return visit is past due or still within its time, then the rating counts once in the totals and for both units, and 回访整改率 counts only the visit past due as missing', async () => {
    // August: a theme of a market 办件 and an HR 办件, rated overall (art. 9) through the market one.
    const themeId = `TH-${Date.now()}`;
    const hr = serviceRecordBody({
      themeId,
      itemCode: 'XA-RS-0001',
      handlingDepartmentId: 'xa-hrss',
      institutionId: 'xa-hall-w02',
      acceptedAt: '2026-08-03T09:00:00+08:00',
      promisedAt: undefined,
      completedAt: undefined,
    });
    const stored = await postJson(world.api, '/api/service-records', hr, HANDLING_SYSTEM_HEADERS);
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    const overall = await rateAt(
      '2026-08-05T10:00:00+08:00',
      { level: 'very-dissatisfied', tags: ['推诿扯皮'], scope: 'theme' },
      { themeId, acceptedAt: '2026-08-03T09:00:00+08:00' },
    );
    const visitDue = await rateAt('2026-08-06T10:00:00+08:00', badReviewBody('', { level: 'dissatisfied' }), {
      acceptedAt: '2026-08-03T09:00:00+08:00',
    });
    await world.db('sla_clocks').insert({
      case_id: visitDue.id,
      stage: 'return-visit',
      started_at: new Date('2026-08-10T09:00:00+08:00'),
      due_at: new Date('2026-08-11T23:59:59+08:00'),
      working_days: 1,
      state: 'overdue',
    });
    // A third whose visit is still within its time: not yet missing.
    const visitAhead = await rateAt(
      '2026-08-07T10:00:00+08:00',
      badReviewBody('', { level: 'dissatisfied' }),
      { acceptedAt: '2026-08-03T09:00:00+08:00' },
    );
    await world.db('sla_clocks').insert({
      case_id: visitAhead.id,
      stage: 'return-visit',
      started_at: new Date('2026-11-30T09:00:00+08:00'),
      due_at: new Date('2026-12-03T23:59:59+08:00'),
      working_days: 3,
      state: 'on-track',
    });
    world.setNow(new Date('2026-12-01T09:00:00+08:00'));
    const { body } = await getJson(world.api, '/api/public/statistics?month=2026-08');
    assert.equal(body.ratings.total, 3, 'the overall rating counts once');
    assert.equal(body.ratings.badReviews, 3);
    assert.deepEqual(
      body.units.ranking.map((unit: Record<string, unknown>) => [
        unit.departmentId,
        unit.total,
        unit.badReviews,
      ]),
      [
        ['xa-market', 3, 3],
        ['xa-hrss', 1, 1],
      ],
    );
    assert.ok(overall.id);
    assert.deepEqual(
      [body.cases.returnVisitsDue, body.cases.returnVisited, body.cases.returnVisitRate],
      [1, 0, 0],
    );
  });

  it('given a theme whose HR 办件 was recorded 未评 before the theme was rated overall, then the ranking charges the rating to the market unit only (art. 9–10)', async () => {
    // June: the HR 办件's window closed with 未评; the overall rating, later, applies to the market 办件 alone.
    const themeId = `TH-UNRATED-${Date.now()}`;
    world.setNow(new Date('2026-06-02T10:00:00+08:00'));
    const hr = serviceRecordBody({
      themeId,
      itemCode: 'XA-RS-0001',
      handlingDepartmentId: 'xa-hrss',
      institutionId: 'xa-hall-w02',
      acceptedAt: '2026-06-01T09:00:00+08:00',
      promisedAt: undefined,
      completedAt: '2026-06-01T10:00:00+08:00',
    });
    const stored = await postJson(world.api, '/api/service-records', hr, HANDLING_SYSTEM_HEADERS);
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    await world.db('unrated_service_records').insert({
      service_record_id: hr.id,
      window_closed_at: new Date('2026-06-09T23:59:59+08:00'),
      recorded_at: new Date('2026-06-10T00:00:05+08:00'),
    });
    await rateAt(
      '2026-06-20T10:00:00+08:00',
      { level: 'very-dissatisfied', tags: ['推诿扯皮'], scope: 'theme' },
      { themeId, acceptedAt: '2026-06-01T09:00:00+08:00' },
    );
    world.setNow(new Date('2026-12-01T09:00:00+08:00'));
    const { body } = await getJson(world.api, '/api/public/statistics?month=2026-06');
    assert.equal(body.invitations.unrated, 1, 'the HR 办件 stays 未评');
    assert.deepEqual(
      body.units.ranking.map((unit: Record<string, unknown>) => [unit.departmentId, unit.total]),
      [['xa-market', 1]],
    );
  });

  it('given a 办件 recorded 未评 and then rated after all within its window (a paper form entered later, art. 10), then it counts as rated, not 未评', async () => {
    // April: completed 4/1, its window closed 4/9 with 未评; a rating dated 4/2 entered afterwards.
    world.setNow(new Date('2026-04-01T12:00:00+08:00'));
    const record = serviceRecordBody({
      acceptedAt: '2026-04-01T09:00:00+08:00',
      promisedAt: undefined,
      completedAt: '2026-04-01T10:00:00+08:00',
    });
    const stored = await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    const windowClosedAt = new Date('2026-04-09T23:59:59+08:00');
    await world.db('evaluation_invitations').insert({
      service_record_id: record.id,
      completed_at: '2026-04-01T10:00:00+08:00',
      reminder_at: '2026-04-02T10:00:00+08:00',
      window_closes_at: windowClosedAt,
      window_provisional: false,
      scheduled_at: '2026-04-01T10:00:00+08:00',
    });
    await world.db('unrated_service_records').insert({
      service_record_id: record.id,
      window_closed_at: windowClosedAt,
      recorded_at: new Date('2026-04-10T00:00:05+08:00'),
    });
    const april = async () =>
      (await getJson(world.api, '/api/public/statistics?month=2026-04')).body.invitations;
    world.setNow(new Date('2026-12-01T09:00:00+08:00'));
    const before = await april();
    assert.deepEqual([before.rated, before.unrated], [0, 1]);
    world.setNow(new Date('2026-04-02T15:00:00+08:00'));
    const rated = await postRating(world.api, world.protector, {
      serviceRecordId: record.id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    // Past the minute the published figures are kept.
    world.setNow(new Date('2026-12-01T09:05:00+08:00'));
    const counted = await april();
    assert.deepEqual([counted.completed, counted.rated, counted.unrated], [1, 1, 0]);
  });

  it('given a real-name 差评 whose case ended as confirmed fraud while its return visit was due, then 回访整改率 does not count the visit as owed', async () => {
    // July: the return visit's clock was stopped by the fraud confirmation before its deadline passed.
    const fraudulent = await rateAt(
      '2026-07-02T10:00:00+08:00',
      badReviewBody('', { level: 'dissatisfied' }),
      {
        acceptedAt: '2026-06-29T09:00:00+08:00',
      },
    );
    await world.db('sla_clocks').insert({
      case_id: fraudulent.id,
      stage: 'return-visit',
      started_at: new Date('2026-07-10T09:00:00+08:00'),
      due_at: new Date('2026-07-13T23:59:59+08:00'),
      working_days: 1,
      state: 'on-track',
    });
    await world.db.transaction((trx) =>
      closeCase(trx, fraudulent.id, 'fraud-confirmed', new Date('2026-07-11T10:00:00+08:00')),
    );
    const [clock] = await world.db('sla_clocks').where({ case_id: fraudulent.id, stage: 'return-visit' });
    assert.equal(clock.state, 'stopped');
    // And one whose visit is past due and was never made: still owed.
    const missed = await rateAt('2026-07-03T10:00:00+08:00', badReviewBody('', { level: 'dissatisfied' }), {
      acceptedAt: '2026-06-29T09:00:00+08:00',
    });
    await world.db('sla_clocks').insert({
      case_id: missed.id,
      stage: 'return-visit',
      started_at: new Date('2026-07-10T09:00:00+08:00'),
      due_at: new Date('2026-07-13T23:59:59+08:00'),
      working_days: 1,
      state: 'overdue',
    });
    world.setNow(new Date('2026-12-01T09:00:00+08:00'));
    const { body } = await getJson(world.api, '/api/public/statistics?month=2026-07');
    assert.deepEqual(
      [body.cases.returnVisitsDue, body.cases.returnVisited, body.cases.returnVisitRate],
      [1, 0, 0],
    );
  });

  it("given the view statistics also read (counted_ratings), then it splits 现场 and 网上 by the same channels as the figures' own reading", async () => {
    const found = await world.db.raw<{ rows: { definition: string }[] }>(
      "select pg_get_viewdef('counted_ratings') as definition",
    );
    const onSite = /WHEN \(\(e\.channel\)::text = ANY \(\(ARRAY\[([^\]]*)\]/.exec(found.rows[0]!.definition);
    assert.ok(onSite, found.rows[0]!.definition);
    const channels = [...onSite[1]!.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]);
    assert.deepEqual(channels, [...ON_SITE_CHANNELS]);
  });

  it('given a month that is no month, or one not yet begun, then 400 with its id in Chinese', async () => {
    for (const [month, id] of [
      ['2026-13', 'statistics.bad_month'],
      ['26-11', 'statistics.bad_month'],
      ['2018-12', 'statistics.bad_month'],
      ['2027-01', 'statistics.future_month'],
    ]) {
      const { status, body } = await getJson(world.api, `/api/public/statistics?month=${month}`);
      assert.deepEqual([status, body.error.id], [400, id], month);
      assert.match(body.error.message, /[\u4e00-\u9fff]/);
    }
    const page = await fetch(`${world.api}/statistics?month=2026-13`);
    assert.equal(page.status, 400);
    assert.match(await page.text(), /统计月份格式不正确/);
  });

  it('given the public page, then it shows the figures in Chinese under its own CSP, and nothing of a rater', async () => {
    const response = await fetch(`${world.api}/statistics?month=2026-11`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await response.text();
    assert.match(html, /2026年11月/);
    assert.match(html, /<b>8<\/b><span>评价总数<\/span>/);
    assert.match(html, /<b>87\.50%<\/b><span>好评率<\/span>/);
    assert.match(html, /<b>50\.00%<\/b><span>未评率<\/span>/);
    assert.match(html, /<b>100\.00%<\/b><span>回访整改率<\/span>/);
    assert.doesNotMatch(html, /本月/, 'a past month is 该月, not 本月');
    assert.match(html, /西安市市场监督管理局/);
    assert.doesNotMatch(html, /张三|13812345678|138\*\*\*\*5678|窗口人员答复不耐烦/);
  });
});
