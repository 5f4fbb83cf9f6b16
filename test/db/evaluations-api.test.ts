// The rating and 办件 endpoints against a real, migrated PostgreSQL. Bad input gets a 4xx with a stable id
// and a Chinese message and changes nothing. (The engine is not involved: the case starter is not
// running here; starting cases is the engine tier's business.)
import assert from 'node:assert/strict';
import { toLedgerRow } from '../support/ledger-rows.ts';
import { chainHash } from '../../domain/evaluation/ledger.ts';
import { startRatingApi } from '../support/rating-api.ts';
import type { RatingApi } from '../support/rating-api.ts';
import {
  badReviewBody,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import type { Db } from '../../infra/db.ts';
import { keyHash } from '../../infra/channel-keys.ts';

describe('ratings and 办件 over HTTP (issue 2)', () => {
  let db: Db;
  let api: string;
  let world: RatingApi;
  let casesOpened = 0;

  before(async () => {
    world = await startRatingApi('hcp_test_db_evaluations', { onCaseOpened: () => casesOpened++ });
    ({ db, api } = world);
  });

  after(() => world.stop());

  async function counts() {
    const [evaluations, cases, outbox] = await Promise.all(
      ['evaluations', 'cases', 'outbox'].map(async (table) =>
        Number((await db(table).count({ n: '*' }))[0]!.n),
      ),
    );
    return { evaluations, cases, outbox };
  }

  async function registeredRecord(overrides: Record<string, unknown> = {}) {
    const record = serviceRecordBody(overrides);
    const created = await postJson(api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(created.status, 201);
    return record;
  }

  it('given a 差评, when it is posted, then the rating, its case and the start order are stored together', async () => {
    const record = await registeredRecord();
    const before = await counts();
    const opened = casesOpened;
    const response = await postRating(api, world.protector, badReviewBody(record.id));
    assert.equal(response.status, 201);
    assert.equal(response.body.caseId, response.body.id);
    assert.deepEqual(await counts(), {
      evaluations: before.evaluations + 1,
      cases: before.cases + 1,
      outbox: before.outbox + 1,
    });
    assert.equal(casesOpened, opened + 1, 'the case starter was poked');
    const stored = await db('cases').where({ id: response.body.id }).first();
    assert.equal(stored.status, 'pending-start');
  });

  const refusals: [string, (id: string) => Record<string, unknown>, string][] = [
    ['an unknown level', (id) => badReviewBody(id, { level: 'terrible' }), 'evaluation.unknown_level'],
    [
      'a 差评 with neither tags nor text',
      (id) => badReviewBody(id, { tags: [], text: '  ' }),
      'evaluation.bad_review_needs_content',
    ],
    ['an unknown 办件', () => badReviewBody('SR-does-not-exist'), 'evaluation.unknown_service_record'],
    ['an unknown channel', (id) => badReviewBody(id, { channel: 'fax' }), 'request.invalid'],
    [
      'a tag not in the preset content (art. 8)',
      (id) => badReviewBody(id, { tags: ['随便写的'] }),
      'evaluation.unknown_tag',
    ],
    [
      'a real-name rating without a phone (art. 18: the return visit calls it)',
      (id) => badReviewBody(id, { rater: { name: '张三' } }),
      'evaluation.real_name_needs_contact',
    ],
    [
      'a 差评 with only invisible text',
      (id) => badReviewBody(id, { tags: [], text: '\u200b\u200d \ufeff' }),
      'evaluation.bad_review_needs_content',
    ],
    [
      'a real-name 差评 whose phone has no digits (12345 could not call it back, art. 18)',
      (id) => badReviewBody(id, { rater: { name: '张三', phone: '-----' } }),
      'request.invalid',
    ],
    ['an unexpected field', (id) => badReviewBody(id, { score: 5 }), 'request.invalid'],
  ];
  for (const [what, body, errorId] of refusals) {
    it(`given ${what}, when it is posted, then 400 ${errorId} in Chinese and nothing is stored`, async () => {
      const record = await registeredRecord();
      const before = await counts();
      const opened = casesOpened;
      const response = await postRating(api, world.protector, body(record.id));
      assert.equal(response.status, 400);
      assert.equal(response.body.error.id, errorId);
      assert.match(response.body.error.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
      const fields = Array.isArray(response.body.error.details) ? response.body.error.details : [];
      for (const field of fields) {
        assert.match(
          field.problem,
          /[\u4e00-\u9fff]/,
          `the field's problem is Chinese too: ${field.problem}`,
        );
      }
      assert.deepEqual(await counts(), before);
      assert.equal(casesOpened, opened, 'no case start was ordered');
    });
  }

  it('given a real-name 差评 whose phone is typed with spaces or full-width digits, then it is stored, the phone as digits', async () => {
    for (const typed of ['138 1234 5678', '１３８１２３４５６７８']) {
      const record = await registeredRecord();
      const response = await postRating(
        api,
        world.protector,
        badReviewBody(record.id, { realName: true, rater: { name: '张三', phone: typed } }),
      );
      assert.equal(response.status, 201, JSON.stringify(response.body));
      const row = await db('evaluations').where({ id: response.body.id }).first();
      assert.equal(row.rater_phone_masked, '138****5678', typed);
      assert.equal(world.protector.decrypt(row.rater_phone_encrypted), '13812345678', typed);
    }
  });

  it('given a channel with its own endpoint (a window device, a platform, SMS, paper), when it is claimed on the open API, then 403 evaluation.channel_not_public naming that endpoint, nothing stored; without a channel, the rating is a QR one', async () => {
    const record = await registeredRecord();
    const before = await counts();
    for (const [channel, endpoint] of [
      ['window-device', 'POST /api/devices/:deviceId/ratings'],
      ['online-hall', 'POST /api/partners/ratings'],
      ['hotline', 'hcp import public-comments'],
      ['sms', 'POST /api/sms/inbound'],
      ['paper-form', 'hcp import paper-forms'],
    ]) {
      const response = await postRating(api, world.protector, badReviewBody(record.id, { channel }));
      assert.equal(response.status, 403, channel);
      assert.equal(response.body.error.id, 'evaluation.channel_not_public');
      assert.deepEqual(response.body.error.details, { channel, endpoint });
      assert.match(response.body.error.message, /扫码评价/);
    }
    assert.deepEqual(await counts(), before);
    const unnamed: Record<string, unknown> = badReviewBody(record.id);
    delete unnamed.channel;
    const rated = await postRating(api, world.protector, unnamed);
    assert.equal(rated.status, 201);
    assert.equal((await db('evaluations').where({ id: rated.body.id }).first()).channel, 'qr-code');
  });

  it('given a rated 办件, when it is rated again, then 400 evaluation.duplicate in Chinese, nothing more is stored and no case start is ordered', async () => {
    const record = await registeredRecord();
    assert.equal((await postRating(api, world.protector, badReviewBody(record.id))).status, 201);
    const before = await counts();
    const opened = casesOpened;
    // A second 差评 (which would open a case) and a second rating of another level; the same request sent
    // again is a resend (below).
    for (const level of ['very-dissatisfied', 'satisfied']) {
      const tags = level === 'satisfied' ? [] : ['态度生硬'];
      const again = await postRating(
        api,
        world.protector,
        badReviewBody(record.id, { level, tags, text: '第二次评价' }),
      );
      assert.equal(again.status, 400);
      assert.equal(again.body.error.id, 'evaluation.duplicate');
      assert.match(again.body.error.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
    }
    assert.deepEqual(await counts(), before);
    assert.equal(casesOpened, opened, 'no second case start was ordered');
  });

  it('given a 差评 sent again from the same phone after it was stored (its answer lost), then 200 with the rating and case stored the first time, nothing more stored and no case start ordered; from another address too; other words are a second rating', async () => {
    const record = await registeredRecord();
    const first = await postRating(api, world.protector, badReviewBody(record.id));
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.caseId, first.body.id);
    const before = await counts();
    const opened = casesOpened;
    const again = await postRating(api, world.protector, badReviewBody(record.id));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body, { ...first.body, retry: true });
    assert.deepEqual(await counts(), before);
    assert.equal(casesOpened, opened, 'no second case start was ordered');
    // The rater's phone names them: from another network too (Wi-Fi, then mobile data).
    const moved = await postRating(api, world.protector, badReviewBody(record.id), {
      'x-forwarded-for': '198.51.100.77',
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.id, first.body.id);
    // Anonymous: the receipt's 评价码 and the same words, from any address; other words are a second rating.
    const anonymous = await registeredRecord();
    const body = badReviewBody(anonymous.id, { realName: false, rater: undefined });
    const stored = await postRating(api, world.protector, body);
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    const resent = await postRating(api, world.protector, body, { 'x-forwarded-for': '198.51.100.77' });
    assert.equal(resent.status, 200, JSON.stringify(resent.body));
    assert.equal(resent.body.id, stored.body.id);
    const other = await postRating(api, world.protector, { ...body, text: '另一条意见' });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.id, 'evaluation.duplicate');
  });

  it('given two ratings of one 办件 at the same moment, when both arrive, then exactly one is taken', async () => {
    const record = await registeredRecord();
    const before = await counts();
    const opened = casesOpened;
    const answers = await Promise.all([
      postRating(api, world.protector, badReviewBody(record.id)),
      postRating(api, world.protector, badReviewBody(record.id, { level: 'dissatisfied' })),
    ]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 400]);
    assert.equal((await db('evaluations').where({ service_record_id: record.id })).length, 1);
    assert.deepEqual(await counts(), {
      evaluations: before.evaluations + 1,
      cases: before.cases + 1,
      outbox: before.outbox + 1,
    });
    assert.equal(casesOpened, opened + 1, 'one case start, for the rating taken');
  });

  it('given malformed JSON, when it is posted, then 400 request.malformed_json in Chinese and nothing is stored', async () => {
    const before = await counts();
    const opened = casesOpened;
    const response = await fetch(`${api}/api/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"level": ',
    });
    assert.equal(response.status, 400);
    const { error } = (await response.json()) as { error: { id: string; message: string } };
    assert.equal(error.id, 'request.malformed_json');
    assert.match(error.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
    assert.deepEqual(await counts(), before);
    assert.equal(casesOpened, opened, 'no case start was ordered');
  });

  it('given a body too large, in a foreign charset, wrongly compressed or a path badly percent-encoded, then a 4xx in Chinese and nothing is stored', async () => {
    const record = await registeredRecord();
    const before = await counts();
    const opened = casesOpened;
    const rating = JSON.stringify(badReviewBody(record.id));
    const refusals: [string, RequestInit & { path?: string }, number, string][] = [
      [
        'over 1 MB',
        { body: JSON.stringify({ ...badReviewBody(record.id), text: '差'.repeat(400_000) }) },
        413,
        'request.too_large',
      ],
      [
        'latin1',
        { body: rating, headers: { 'content-type': 'application/json; charset=latin1' } },
        415,
        'request.unsupported_encoding',
      ],
      [
        'unknown compression',
        { body: rating, headers: { 'content-type': 'application/json', 'content-encoding': 'x-rar' } },
        415,
        'request.unsupported_encoding',
      ],
      [
        'gzip that is not',
        { body: rating, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
        400,
        'request.unreadable_body',
      ],
      [
        'bad percent-encoding',
        {
          body: rating,
          path: '/api/service-records/%E0%A4%A/completion',
          headers: { 'content-type': 'application/json', ...HANDLING_SYSTEM_HEADERS },
        },
        400,
        'request.malformed_url',
      ],
    ];
    for (const [what, { path, ...init }, status, id] of refusals) {
      const response = await fetch(`${api}${path ?? '/api/evaluations'}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...init,
      });
      const { error } = (await response.json()) as { error: { id: string; message: string } };
      assert.deepEqual([response.status, error.id], [status, id], what);
      assert.match(error.message, /[\u4e00-\u9fff]/, `${what}: the message is Chinese`);
    }
    const qr = await fetch(`${api}/api/qr/window/%E0%A4%A.svg`);
    assert.equal(qr.status, 400);
    assert.equal(((await qr.json()) as { error: { id: string } }).error.id, 'request.malformed_url');
    assert.deepEqual(await counts(), before);
    assert.equal(casesOpened, opened, 'no case start was ordered');
  });

  it('given stored ratings, when the ledger is read, then each row links to the one before and cannot be changed', async () => {
    const rows = await db('evaluations').orderBy('sequence');
    assert.ok(rows.length >= 2);
    for (let index = 1; index < rows.length; index++) {
      const row = rows[index];
      assert.equal(row.previous_hash, rows[index - 1].hash);
      const recomputed = chainHash(row.previous_hash, toLedgerRow(row));
      assert.equal(recomputed, row.hash);
    }
    await assert.rejects(
      db('evaluations').where({ id: rows[0].id }).update({ level: 'very-satisfied' }),
      /append-only/,
    );
    await assert.rejects(db('evaluations').where({ id: rows[0].id }).delete(), /append-only/);
  });

  const recordRefusals: [string, Record<string, unknown>, number, string][] = [
    ['an unknown item', { itemCode: 'NOPE' }, 400, 'service_record.unknown_item'],
    ['an unknown unit', { handlingDepartmentId: 'nope' }, 400, 'service_record.unknown_department'],
    [
      'completion before acceptance',
      { completedAt: '2026-11-01T09:00:00+08:00' },
      400,
      'service_record.times_out_of_order',
    ],
    ['a time without offset', { acceptedAt: '2026-11-20 09:00' }, 400, 'request.invalid'],
    // Past the working calendar (2000–2099), no deadline could be counted from it: a rating would fail.
    ['a promised time in 2099', { promisedAt: '2099-12-31T10:00:00+08:00' }, 400, 'request.invalid'],
    ['an acceptance in 1999', { acceptedAt: '1999-12-31T10:00:00+08:00' }, 400, 'request.invalid'],
    ["an applicant's phone of hyphens only", { applicant: { phone: '---------' } }, 400, 'request.invalid'],
  ];
  for (const [what, overrides, status, errorId] of recordRefusals) {
    it(`given a 办件 with ${what}, when it is registered, then ${status} ${errorId}`, async () => {
      const response = await postJson(
        api,
        '/api/service-records',
        serviceRecordBody(overrides),
        HANDLING_SYSTEM_HEADERS,
      );
      assert.equal(response.status, status);
      assert.equal(response.body.error.id, errorId);
    });
  }

  it('given no key or a wrong one, when a 办件 is registered or its completion reported, then 401 partner.unauthorized and nothing is stored or changed', async () => {
    const pending = await registeredRecord({ completedAt: undefined });
    const record = serviceRecordBody({ applicant: { phone: '13900000001' } });
    for (const headers of [{}, { 'x-partner-key': 'guessed' }] as Record<string, string>[]) {
      const registration = await postJson(api, '/api/service-records', record, headers);
      assert.equal(registration.status, 401);
      assert.equal(registration.body.error.id, 'partner.unauthorized');
      assert.match(registration.body.error.message, /x-partner-key/);
      const completion = await postJson(
        api,
        `/api/service-records/${pending.id}/completion`,
        { completedAt: '2026-11-26T10:00:00+08:00' },
        headers,
      );
      assert.equal(completion.status, 401);
    }
    assert.equal((await db('service_records').where({ id: record.id })).length, 0);
    assert.equal((await db('service_records').where({ id: pending.id }).first()).completed_at, null);
    assert.equal((await db('invitation_outbox').where({ service_record_id: pending.id })).length, 0);
  });

  it('given a 办件 accepted on 2000-01-01 in Beijing (still 1999 in UTC), then it is within the calendar and registered', async () => {
    const record = serviceRecordBody({
      acceptedAt: '2000-01-01T05:00:00+08:00',
      promisedAt: undefined,
      completedAt: undefined,
    });
    const response = await postJson(api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(response.status, 201, JSON.stringify(response.body));
  });

  it('given a 办件 reported by one connected system, then it names that system, and another system may not report its completion (403), that one may', async () => {
    const pending = await registeredRecord({ completedAt: undefined });
    assert.equal(
      (await db('service_records').where({ id: pending.id }).first()).reported_by,
      'xa-online-hall-partner',
    );
    const otherKey = 'another-connected-system-key';
    await db('partner_systems').insert({
      id: 'xa-mobile-partner',
      name: 'i西安（接入）',
      platform_id: 'xa-mobile',
      key_hash: keyHash(otherKey),
    });
    const completion = { completedAt: '2026-11-26T10:00:00+08:00' };
    const path = `/api/service-records/${pending.id}/completion`;
    const refused = await postJson(api, path, completion, { 'x-partner-key': otherKey });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.id, 'service_record.reported_by_other_system');
    assert.equal((await db('service_records').where({ id: pending.id }).first()).completed_at, null);
    const reported = await postJson(api, path, completion, HANDLING_SYSTEM_HEADERS);
    assert.equal(reported.status, 200, JSON.stringify(reported.body));
  });

  it('given a registered 办件 number, when it is registered again, then 409 service_record.duplicate', async () => {
    const record = await registeredRecord();
    const again = await postJson(api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.id, 'service_record.duplicate');
  });
});
