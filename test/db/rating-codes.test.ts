// The 评价码 on a 办件's receipt (art. 11: only the one served rates a service; a 办件 number alone is easy
// to guess): the registration gives it, the receipt's QR carries it, and the open rating API and page take
// nothing without it — over HTTP and a real database.
import assert from 'node:assert/strict';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import {
  badReviewBody,
  eventually,
  getJson,
  postJson,
  postRating,
  receiptPageUrl,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
} from '../support/fixtures.ts';
import { keyHash } from '../../infra/channel-keys.ts';
import { runRatingCodeCommand } from '../../cli/rating-code.ts';
import { qrSvg } from '../../server/api/qr/routes.ts';
import { ERROR_CATALOGUE } from '../../server/errors.ts';

describe('the 评价码 on a 办件 receipt (issue 5, art. 11)', () => {
  let world: RatingApi;

  before(async () => {
    world = await startRatingApi('hcp_test_db_rating_codes');
  });

  after(() => world.stop());

  async function registered(overrides: Record<string, unknown> = {}) {
    const record = serviceRecordBody(overrides);
    const response = await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return { id: record.id, answer: response.body };
  }

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        ['evaluations', 'cases', 'outbox', 'invitation_outbox', 'evaluation_identifiers'].map(
          async (table) => [table, Number((await world.db(table).count({ n: '*' }))[0]!.n)] as const,
        ),
      ),
    );

  /** The code with its first digit changed: a wrong code of the right shape. */
  const wrongCodeOf = (id: string) =>
    world.protector.ratingCode(id).replace(/^./, (digit) => String((Number(digit) + 1) % 10));

  it('given a 办件 registered by its system, then the answer gives its 8-digit 评价码, as printed, and the address its receipt QR encodes', async () => {
    const { id, answer } = await registered();
    assert.match(answer.ratingCode, /^[0-9]{8}$/);
    assert.equal(answer.ratingCode, world.protector.ratingCode(id));
    assert.equal(answer.printedRatingCode, `${answer.ratingCode.slice(0, 4)} ${answer.ratingCode.slice(4)}`);
    assert.equal(answer.ratingUrl, `${world.api}/rate?sr=${id}&code=${answer.ratingCode}`);
    const other = await registered();
    assert.notEqual(other.answer.ratingCode, answer.ratingCode, 'each 办件 its own code');
  });

  it('given a receipt QR code, then only the system that reported the 办件 gets it (and its code again, to reprint), encoding the address with the code, kept by no shared cache', async () => {
    const { id, answer } = await registered();
    const path = `${world.api}/api/service-records/${id}/rating-qr.svg`;
    const anonymous = await fetch(path);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as any).error.id, 'partner.unauthorized');

    const otherKey = 'rating-code-test-other-system-key';
    await world.db('partner_systems').insert({
      id: 'xa-mobile-partner-codes',
      name: 'i西安（接入）',
      platform_id: 'xa-mobile',
      key_hash: keyHash(otherKey),
    });
    const other = await fetch(path, { headers: { 'x-partner-key': otherKey } });
    assert.equal(other.status, 403);
    assert.equal(((await other.json()) as any).error.id, 'service_record.reported_by_other_system');

    const own = await fetch(path, { headers: HANDLING_SYSTEM_HEADERS });
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('cache-control'), 'private, no-store');
    assert.equal(await own.text(), await qrSvg(answer.ratingUrl));

    // A receipt printed again: the same code and address, for the same system only.
    const codePath = `/api/service-records/${id}/rating-code`;
    assert.deepEqual((await getJson(world.api, codePath, HANDLING_SYSTEM_HEADERS)).body, answer);
    assert.equal((await getJson(world.api, codePath, { 'x-partner-key': otherKey })).status, 403);
    assert.equal((await getJson(world.api, codePath)).status, 401);
    // A 办件 no system reported (before reporters were kept): no system gets its code.
    await world.db('service_records').where({ id }).update({ reported_by: null });
    const unreported = await getJson(world.api, codePath, HANDLING_SYSTEM_HEADERS);
    assert.equal(unreported.status, 403);
    assert.equal(unreported.body.error.id, 'service_record.reported_by_other_system');
    const unknown = await getJson(
      world.api,
      '/api/service-records/SR-none/rating-code',
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(unknown.status, 404);
  });

  it('given a rating without its 评价码 or with a wrong one, when it is posted, then 403 evaluation.rating_code_invalid in Chinese and nothing stored; the right one, typed with a space, is taken', async () => {
    const { id } = await registered();
    const before = await counts();
    for (const ratingCode of [
      undefined,
      '',
      wrongCodeOf(id),
      '1234',
      world.protector.ratingCode('SR-other'),
    ]) {
      const body = { ...badReviewBody(id), ...(ratingCode === undefined ? {} : { ratingCode }) };
      const refused = await postJson(world.api, '/api/evaluations', body);
      assert.equal(refused.status, 403, `code ${ratingCode}`);
      assert.equal(refused.body.error.id, 'evaluation.rating_code_invalid');
      assert.equal(refused.body.error.message, ERROR_CATALOGUE['evaluation.rating_code_invalid'].message);
    }
    assert.deepEqual(await counts(), before);

    const code = world.protector.ratingCode(id);
    const taken = await postJson(world.api, '/api/evaluations', {
      ...badReviewBody(id),
      ratingCode: `${code.slice(0, 4)} ${code.slice(4)}`,
    });
    assert.equal(taken.status, 201, JSON.stringify(taken.body));
  });

  it('given an unknown 办件 number, when it is rated with a guessed code, then the same 403 as for a known one: the answer tells nothing about the 办件', async () => {
    const unknown = await postJson(world.api, '/api/evaluations', {
      ...badReviewBody('SR-never-registered'),
      ratingCode: '12345678',
    });
    const { id } = await registered();
    const known = await postJson(world.api, '/api/evaluations', {
      ...badReviewBody(id),
      ratingCode: wrongCodeOf(id),
    });
    assert.equal(unknown.status, 403);
    assert.deepEqual(unknown.body.error.id, known.body.error.id);
    assert.deepEqual(unknown.body.error.message, known.body.error.message);
  });

  it('given a rated 办件, when it is rated again with a wrong code, then 403 (not 400 evaluation.duplicate): whether it was rated stays unknown', async () => {
    const { id } = await registered();
    assert.equal((await postRating(world.api, world.protector, badReviewBody(id))).status, 201);
    const again = await postJson(world.api, '/api/evaluations', {
      ...badReviewBody(id),
      ratingCode: wrongCodeOf(id),
    });
    assert.equal(again.status, 403);
    assert.equal(again.body.error.id, 'evaluation.rating_code_invalid');
  });

  it('given the rating page with a 办件 number, then without its code it asks for the code (200), with a wrong one it asks again (403), and only the right one shows the 办件', async () => {
    const { id } = await registered();
    const pageAt = async (query: Record<string, string>) => {
      const response = await fetch(`${world.api}/rate?${new URLSearchParams(query).toString()}`);
      return { status: response.status, html: await response.text() };
    };
    const itemName = '企业设立登记';

    const noCode = await pageAt({ sr: id });
    assert.equal(noCode.status, 200);
    assert.match(noCode.html, /评价码/);
    assert.ok(noCode.html.includes(`value="${id}"`), 'the number is filled in');
    assert.ok(!noCode.html.includes(itemName), 'nothing about the 办件');
    assert.ok(!noCode.html.includes('提交评价'), 'no rating form');
    assert.ok(!noCode.html.includes('role="alert"'), 'no error before a code was given');

    const wrong = await pageAt({ sr: id, code: wrongCodeOf(id) });
    assert.equal(wrong.status, 403);
    assert.ok(wrong.html.includes(ERROR_CATALOGUE['evaluation.rating_code_invalid'].message));
    assert.ok(!wrong.html.includes(itemName));

    const unknown = await pageAt({ sr: 'SR-never-registered', code: '12345678' });
    assert.equal(unknown.status, 403, 'an unknown number gets the same answer as a wrong code');
    assert.ok(!unknown.html.includes('未找到该办件'));

    const right = await fetch(receiptPageUrl(world.api, world.protector, id));
    const html = await right.text();
    assert.equal(right.status, 200);
    assert.ok(html.includes(itemName));
    assert.ok(html.includes(`data-code="${world.protector.ratingCode(id)}"`), 'the form sends the code on');
  });

  it('given ten wrong codes for a 办件 from one client, then that client’s next attempt, the right code too, is 429 in Chinese on the API and the page, nothing stored; the rater elsewhere still rates it', async () => {
    const { id } = await registered();
    const guesser = { 'x-forwarded-for': '198.51.100.7' };
    for (let n = 0; n < 10; n++) {
      const body = { ...badReviewBody(id), ratingCode: wrongCodeOf(id) };
      const wrong = await postJson(world.api, '/api/evaluations', body, guesser);
      assert.equal(wrong.status, 403, `attempt ${n + 1}`);
    }
    const before = await counts();
    const right = await postRating(world.api, world.protector, badReviewBody(id), guesser);
    assert.equal(right.status, 429);
    assert.equal(right.body.error.id, 'evaluation.rating_code_attempts');
    assert.equal(right.body.error.message, ERROR_CATALOGUE['evaluation.rating_code_attempts'].message);
    const page = await fetch(receiptPageUrl(world.api, world.protector, id), { headers: guesser });
    assert.equal(page.status, 429);
    const html = await page.text();
    assert.ok(html.includes(ERROR_CATALOGUE['evaluation.rating_code_attempts'].message));
    assert.ok(!html.includes('提交评价'), 'no form');
    assert.deepEqual(await counts(), before);

    const rater = { 'x-forwarded-for': '198.51.100.8' };
    assert.equal((await postRating(world.api, world.protector, badReviewBody(id), rater)).status, 201);
  });

  it('given three hundred wrong codes from one client, then that client is refused for any 办件 (429); another client is not', async () => {
    const guesser = { 'x-forwarded-for': '203.0.113.99' };
    for (let n = 0; n < 300; n++) {
      const body = { ...badReviewBody(`SR-guess-${n}`), ratingCode: '00000000' };
      const wrong = await postJson(world.api, '/api/evaluations', body, guesser);
      assert.equal(wrong.status, 403, `guess ${n + 1}`);
    }
    const { id } = await registered();
    const blocked = await postRating(world.api, world.protector, badReviewBody(id), guesser);
    assert.equal(blocked.status, 429);
    const rater = await postRating(world.api, world.protector, badReviewBody(id), {
      'x-forwarded-for': '203.0.113.100',
    });
    assert.equal(rater.status, 201, JSON.stringify(rater.body));
  });

  it('given an over-long 办件 number on the page or the API, then the code is refused (403) without keeping the number', async () => {
    const long = 'S'.repeat(5000);
    const page = await fetch(`${world.api}/rate?${new URLSearchParams({ sr: long, code: '12345678' })}`);
    assert.equal(page.status, 403);
    assert.ok(!(await page.text()).includes(long), 'not echoed either');
  });

  it('given the reminder SMS’s link, then its page takes its code, and the rating is stored as by SMS (短信) and counted online, not on site', async () => {
    const { id } = await registered();
    const smsCode = world.protector.smsRatingCode(id);
    const page = await fetch(`${world.api}/rate?${new URLSearchParams({ sr: id, code: smsCode })}`);
    assert.equal(page.status, 200);
    assert.ok((await page.text()).includes(`data-code="${smsCode}"`), 'the form sends the SMS code on');
    const rated = await postJson(world.api, '/api/evaluations', {
      serviceRecordId: id,
      ratingCode: smsCode,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    const stored = await world.db('evaluations').where({ id: rated.body.id }).first();
    assert.equal(stored.channel, 'sms');
    const counted = await world.db('counted_ratings').where({ id: rated.body.id }).first();
    assert.equal(counted.kind, 'online');

    const { id: other } = await registered();
    const byReceipt = await postRating(world.api, world.protector, {
      serviceRecordId: other,
      level: 'satisfied',
    });
    assert.equal((await world.db('evaluations').where({ id: byReceipt.body.id }).first()).channel, 'qr-code');
  });

  it('given three ratings through reminder SMS links from one browser within minutes, then the third is flagged as a burst from one IP (art. 23), as QR ratings are', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { id } = await registered();
      const rated = await postJson(
        world.api,
        '/api/evaluations',
        { serviceRecordId: id, ratingCode: world.protector.smsRatingCode(id), level: 'very-satisfied' },
        { 'x-forwarded-for': '192.0.2.77' },
      );
      assert.equal(rated.status, 201, JSON.stringify(rated.body));
      ids.push(rated.body.id);
    }
    const flag = await eventually(
      () => world.db('fraud_flags').where({ evaluation_id: ids[2], signal: 'burst-ip' }).first(),
      { what: 'the burst-ip flag of the third SMS-link rating' },
    );
    assert.equal(flag.signal, 'burst-ip');
  });

  it('given three QR ratings from three addresses of one IPv6 /64 within minutes, then the third is flagged as a burst from one IP: a machine holds its whole /64', async () => {
    const ids: string[] = [];
    for (const address of ['2001:db8:7:1::a', '2001:db8:7:1::b', '2001:db8:7:1:ffff::c']) {
      const { id } = await registered();
      const rated = await postJson(
        world.api,
        '/api/evaluations',
        { serviceRecordId: id, ratingCode: world.protector.ratingCode(id), level: 'very-satisfied' },
        { 'x-forwarded-for': address },
      );
      assert.equal(rated.status, 201, JSON.stringify(rated.body));
      ids.push(rated.body.id);
    }
    const stored = await world.db('evaluation_identifiers').where({ evaluation_id: ids[0] }).first();
    assert.equal(stored.ip, '2001:db8:7:1::/64');
    const flag = await eventually(
      () => world.db('fraud_flags').where({ evaluation_id: ids[2], signal: 'burst-ip' }).first(),
      { what: 'the burst-ip flag of the third rating from the /64' },
    );
    assert.equal(flag.signal, 'burst-ip');
  });

  it('given `hcp rating-code` at a window, then it prints the receipt’s code and address, also of a 办件 no system reported; an unknown number or bad arguments fail in Chinese', async () => {
    const { id, answer } = await registered();
    await world.db('service_records').where({ id }).update({ reported_by: null });
    const environment = {
      DATABASE_URL: world.url,
      HCP_ENCRYPTION_KEY: 'd'.repeat(64),
      PUBLIC_BASE_URL: world.api,
    };
    const run = async (args: string[]) => {
      const lines: string[] = [];
      const errors: string[] = [];
      const out = { log: (line: string) => lines.push(line), error: (line: string) => errors.push(line) };
      const code = await runRatingCodeCommand(args, out, { environment });
      return { code, lines, errors };
    };
    const printed = await run([id]);
    assert.equal(printed.code, 0, printed.errors.join('\n'));
    assert.deepEqual(printed.lines, [
      `办件 ${id} 的评价码：${answer.printedRatingCode}`,
      `回执二维码地址：${answer.ratingUrl}`,
      `${id} ${answer.ratingCode}`,
    ]);
    const unknown = await run(['SR-never-registered']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.errors.join(''), /办件「SR-never-registered」不存在/);
    const dashed = await run(['--', id]);
    assert.equal(dashed.code, 0, 'a number after -- is a number');
    assert.deepEqual(dashed.lines, printed.lines);
    for (const args of [[], [id, 'extra'], ['--help'], ['-h'], ['--']]) {
      const refused = await run(args);
      assert.equal(refused.code, 2, args.join(' '));
      assert.match(refused.errors.join('\n'), /用法/);
    }
  });
});
