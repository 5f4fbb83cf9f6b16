// What the QR rating page stands on, over HTTP and a real database: the tag table, the QR codes, the
// dimensions of a rating (art. 7) beside the ledger, and a page that escapes what it is given (issue 5).
import assert from 'node:assert/strict';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import {
  badReviewBody,
  getJson,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
  receiptPageUrl,
} from '../support/fixtures.ts';
import { verifyLedger } from '../../infra/ledger/verify.ts';
import { qrSvg } from '../../server/api/qr/routes.ts';
import { ratingPageUrl } from '../../domain/evaluation/rating-links.ts';

describe('tags, QR codes and rating dimensions (issue 5)', () => {
  let world: RatingApi;

  before(async () => {
    world = await startRatingApi('hcp_test_db_rating_page');
  });

  after(() => world.stop());

  async function registeredRecord() {
    const record = serviceRecordBody();
    assert.equal(
      (await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    return record.id;
  }

  const count = async (table: string) => Number((await world.db(table).count({ n: '*' }))[0]!.n);

  it('given a level, when its tags are asked for, then praise for good levels and the 差评 content for bad ones', async () => {
    const good = await getJson(world.api, '/api/evaluation-tags?level=very-satisfied');
    assert.equal(good.status, 200);
    assert.ok(good.body.tags.every((tag: any) => tag.polarity === 'good'));
    const bad = await getJson(world.api, '/api/evaluation-tags?level=very-dissatisfied');
    assert.equal(bad.body.tags.length, 17);
    assert.deepEqual(bad.body.tags[2], {
      code: 'attitude.harsh',
      label: '态度生硬',
      dimension: 'attitude',
      dimensionLabel: '服务态度',
      polarity: 'bad',
    });
    assert.equal((await getJson(world.api, '/api/evaluation-tags')).body.tags.length, 21);
    const unknown = await getJson(world.api, '/api/evaluation-tags?level=terrible');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.id, 'evaluation.unknown_level');
  });

  it('given a window, when its QR code is asked for, then an SVG of the window rating page', async () => {
    const response = await fetch(`${world.api}/api/qr/window/xa-hall-w01.svg`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), await qrSvg(ratingPageUrl(world.api, { windowId: 'xa-hall-w01' })));
  });

  for (const [path, errorId] of [
    ['/api/qr/window/no-such-window.svg', 'institution.not_found'],
    ['/api/service-records/SR-no-such-record/rating-qr.svg', 'service_record.not_found'],
  ]) {
    it(`given an unknown target, when ${path} is asked for, then 404 ${errorId}`, async () => {
      const response = await getJson(world.api, path!, HANDLING_SYSTEM_HEADERS);
      assert.equal(response.status, 404);
      assert.equal(response.body.error.id, errorId);
      assert.match(response.body.error.message, /[\u4e00-\u9fff]/);
    });
  }

  it('given a rating with dimensions, when it is posted, then they are stored in its ledger row, the ledger still verifies, and they cannot be changed', async () => {
    const rated = await postRating(
      world.api,
      world.protector,
      badReviewBody(await registeredRecord(), {
        dimensions: { attitude: 'very-dissatisfied', quality: 'satisfied' },
      }),
    );
    assert.equal(rated.status, 201);
    const row = await world.db('rating_dimensions').where({ evaluation_id: rated.body.id }).first();
    assert.deepEqual(
      { ...row },
      {
        evaluation_id: rated.body.id,
        attitude: 'very-dissatisfied',
        quality: 'satisfied',
        efficiency: null,
        environment: null,
      },
    );
    const plain = await postRating(
      world.api,
      world.protector,
      badReviewBody(await registeredRecord(), { dimensions: {} }),
    );
    assert.equal(plain.status, 201);
    assert.equal(
      await world.db('rating_dimensions').where({ evaluation_id: plain.body.id }).first(),
      undefined,
    );
    assert.equal((await verifyLedger(world.db)).ok, true);
    await assert.rejects(
      world.db('evaluations').where({ id: rated.body.id }).update({ attitude: 'satisfied' }),
      /append-only/,
    );
  });

  it('given a dimension with an unknown level, when it is posted, then 400 request.invalid and nothing is stored', async () => {
    const before = await count('evaluations');
    const response = await postRating(
      world.api,
      world.protector,
      badReviewBody(await registeredRecord(), { dimensions: { attitude: 'terrible' } }),
    );
    assert.equal(response.status, 400);
    assert.equal(response.body.error.id, 'request.invalid');
    assert.equal(await count('evaluations'), before);
  });

  it('given markup in the query, when the page is opened, then it is escaped and the policy allows no foreign script', async () => {
    const attack = '"><script>alert(1)</script>';
    const response = await fetch(
      `${world.api}/rate?${new URLSearchParams({ sr: 'SR-unknown', code: world.protector.ratingCode('SR-unknown'), window: attack }).toString()}`,
    );
    assert.equal(response.status, 404);
    const html = await response.text();
    assert.ok(!html.includes('<script>alert'), 'no injected script');
    assert.ok(html.includes('href="/rate?window=%22%3E%3Cscript%3E'), 'the value stays inside its attribute');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'nonce-/);
    assert.ok(Buffer.byteLength(html) < 30_000);
    const form = await fetch(receiptPageUrl(world.api, world.protector, await registeredRecord()));
    assert.ok(Buffer.byteLength(await form.text()) < 30_000, 'the form page stays small');
  });

  it('given a NUL (%00) in the query, when the rating or answer page is opened, then an HTML page that asks again, not a JSON error or a 500', async () => {
    for (const path of ['/rate?sr=a%00b&code=12345678', '/rate?window=%00', '/rate/answer?id=%00']) {
      const response = await fetch(`${world.api}${path}`);
      assert.ok(response.status < 500, `${path}: ${response.status}`);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/, path);
      assert.match(await response.text(), /<html lang="zh-CN">/, path);
    }
    const api = await fetch(`${world.api}/api/evaluations/%00/answer`);
    assert.equal(api.status, 400, 'the API still refuses it with its JSON error');
  });

  it('given a 办件 that cannot be rated now (art. 10), when its QR code is opened, then the page says why and when, and offers no form', async () => {
    world.setNow(new Date('2026-11-26T10:00:00+08:00'));
    const pageOf = async (id: string) => (await fetch(receiptPageUrl(world.api, world.protector, id))).text();

    // Handled online, not completed, promised Friday 2026-11-27 17:00: rateable from Monday the 30th.
    const pending = serviceRecordBody({
      channel: 'online',
      completedAt: undefined,
      promisedAt: '2026-11-27T17:00:00+08:00',
    });
    await postJson(world.api, '/api/service-records', pending, HANDLING_SYSTEM_HEADERS);
    const notYet = await pageOf(pending.id);
    assert.match(notYet, /暂不能评价/);
    assert.match(notYet, /自2026年11月30日起可以评价/);
    assert.ok(!notYet.includes('提交评价'), 'no form');

    // Completed, its rating window over.
    const closedId = await registeredRecord();
    await world.db('evaluation_invitations').insert({
      service_record_id: closedId,
      completed_at: '2026-11-10T10:00:00+08:00',
      reminder_at: '2026-11-11T10:00:00+08:00',
      window_closes_at: '2026-11-18T23:59:59+08:00',
      window_provisional: false,
      scheduled_at: '2026-11-10T10:00:00+08:00',
    });
    const over = await pageOf(closedId);
    assert.match(over, /评价期已于2026年11月18日结束/);
    assert.ok(!over.includes('提交评价'));

    const form = await pageOf(await registeredRecord());
    assert.match(form, /提交评价/, 'a rateable 办件 gets its form');
    assert.match(
      form,
      /<noscript>[^<]*<p class="error">本页需要启用 JavaScript/,
      'it says it needs its script',
    );
    assert.match(form, /<button type="submit" class="submit" disabled>/, 'which alone enables sending');

    // Promised on the last day of a year whose holidays are not published yet: the date may move.
    world.setNow(new Date('2026-12-31T18:00:00+08:00'));
    const late = serviceRecordBody({
      channel: 'online',
      acceptedAt: '2026-12-20T09:00:00+08:00',
      completedAt: undefined,
      promisedAt: '2026-12-31T17:00:00+08:00',
    });
    await postJson(world.api, '/api/service-records', late, HANDLING_SYSTEM_HEADERS);
    assert.match(await pageOf(late.id), /起可以评价（次年节假日安排尚未公布，该日期可能调整）/);
    world.setNow(new Date('2026-11-26T10:00:00+08:00'));
  });

  it('given a 办件 already rated with a 差评, when its receipt page is opened again with the code, then it says so and links to the answers; after a 好评, no link', async () => {
    const bad = await registeredRecord();
    const rated = await postRating(world.api, world.protector, badReviewBody(bad));
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    const again = await (await fetch(receiptPageUrl(world.api, world.protector, bad))).text();
    assert.match(again, /该办件已评价/);
    assert.ok(again.includes(`href="/rate/answer?id=${rated.body.id}"`), 'the answers of its 差评');
    const good = await registeredRecord();
    await postRating(world.api, world.protector, {
      serviceRecordId: good,
      channel: 'qr-code',
      level: 'satisfied',
    });
    const goodAgain = await (await fetch(receiptPageUrl(world.api, world.protector, good))).text();
    assert.match(goodAgain, /该办件已评价/);
    assert.ok(!goodAgain.includes('/rate/answer'));
    assert.ok(!goodAgain.includes('重新输入办件编号'), 'a receipt names no window to go back to');
  });

  it('given a window QR code, when the number typed there is of a 办件 already rated or not rateable yet, then the page offers to type another at the same window', async () => {
    const rated = await registeredRecord();
    await postRating(world.api, world.protector, {
      serviceRecordId: rated,
      channel: 'qr-code',
      level: 'satisfied',
    });
    const pending = serviceRecordBody({
      channel: 'online',
      completedAt: undefined,
      promisedAt: '2026-12-30T17:00:00+08:00',
    });
    world.setNow(new Date('2026-11-26T10:00:00+08:00'));
    const registered = await postJson(world.api, '/api/service-records', pending, HANDLING_SYSTEM_HEADERS);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    for (const [id, title] of [
      [rated, '该办件已评价'],
      [pending.id, '暂不能评价'],
    ] as const) {
      const typed = new URLSearchParams({
        window: 'xa-hall-w01',
        sr: id,
        code: world.protector.ratingCode(id),
      });
      const html = await (await fetch(`${world.api}/rate?${typed.toString()}`)).text();
      assert.match(html, new RegExp(title), id);
      assert.ok(
        html.includes('<a href="/rate?window=xa-hall-w01">重新输入办件编号</a>'),
        `${title}: ${html}`,
      );
    }
  });

  it('given an address no page has, or a page that fails, then a Chinese page under the CSP; under /api the JSON error stays', async () => {
    for (const path of ['/', '/rate/xyz', '/no-such-page']) {
      const response = await fetch(`${world.api}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/, path);
      const html = await response.text();
      assert.match(html, /<html lang="zh-CN">/, path);
      assert.match(html, /页面不存在/, path);
    }
    for (const [init, status] of [
      [{ body: '{bad', headers: { 'content-type': 'application/json' } }, 400],
      [
        {
          body: JSON.stringify({ text: 'x'.repeat(1_100_000) }),
          headers: { 'content-type': 'application/json' },
        },
        413,
      ],
    ] as const) {
      const refused = await fetch(`${world.api}/rate`, { method: 'POST', ...init });
      assert.equal(refused.status, status);
      assert.match(await refused.text(), /<html lang="zh-CN">/);
    }
    const api = await fetch(`${world.api}/api/no-such-thing`);
    assert.equal(((await api.json()) as { error: { id: string } }).error.id, 'request.not_found');

    await world.db.raw('alter table institutions rename to institutions_away');
    try {
      const failed = await fetch(`${world.api}/rate?window=xa-hall-w01`);
      assert.equal(failed.status, 500);
      assert.equal(failed.headers.get('cache-control'), 'no-store');
      const html = await failed.text();
      assert.match(html, /系统暂时无法处理/);
      assert.doesNotMatch(html, /institutions|Error:|\.ts:\d/);
    } finally {
      await world.db.raw('alter table institutions_away rename to institutions');
    }
  });
});
