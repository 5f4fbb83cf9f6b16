// Rating channels beyond the API (issue 5, art. 12–13): window devices with per-device keys, partner
// platforms with per-system keys and provincial codes, SMS replies to the reminder. Every refusal has a
// stable id and stores nothing.
import assert from 'node:assert/strict';
import { staff } from '../support/staff.ts';
import { runChannelCommand } from '../../cli/channel.ts';
import { startRatingApi } from '../support/rating-api.ts';
import { postJson, postRating, serviceRecordBody, HANDLING_SYSTEM_HEADERS } from '../support/fixtures.ts';
import { DEMO_DEVICE_KEY, DEMO_PARTNER_KEY } from '../../infra/seed/demo-channels.ts';
import {
  SMS_BAD_REVIEW_NEEDS_TEXT,
  SMS_REPLY_AMBIGUOUS,
  SMS_REPLY_UNREADABLE,
} from '../../domain/evaluation/sms-reply.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GB_T_39046_LEVEL_CODES } from '../../domain/evaluation/code-tables.ts';
import { loadCodeTables } from '../../infra/code-table-files.ts';
import { keyHash } from '../../infra/channel-keys.ts';
import { startServer } from '../../server/main.ts';
import type { Db } from '../../infra/db.ts';
import type { RatingApi } from '../support/rating-api.ts';

const SMS_TOKEN = 'test-sms-inbound-token-0123456789';

async function post(api: string, path: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('rating channels: window devices, partner platforms, SMS replies (issue 5)', () => {
  let rating: RatingApi;
  let db: Db;
  let api: string;

  // A second province's interface, as a deployment adds one (CODE_TABLES_DIR): satisfaction on the
  // GB/T 39046 scale (1 = 非常满意), channels in two digits.
  const codeTablesDir = mkdtempSync(join(tmpdir(), 'hcp-code-tables-'));
  writeFileSync(
    join(codeTablesDir, 'gb-scale.json'),
    JSON.stringify({
      name: '某省接口（满意度按 GB/T 39046）',
      levels: GB_T_39046_LEVEL_CODES,
      channels: { '01': 'online-hall', '02': 'mobile' },
    }),
  );

  before(async () => {
    rating = await startRatingApi('hcp_test_db_channels', {
      smsInboundToken: SMS_TOKEN,
      codeTables: loadCodeTables({ extraDir: codeTablesDir }),
    });
    ({ db, api } = rating);
    rating.setNow(new Date('2026-11-26T10:00:00+08:00'));
  });

  after(async () => {
    await rating.stop();
    rmSync(codeTablesDir, { recursive: true, force: true });
  });

  async function counts() {
    const tables = ['evaluations', 'cases', 'invitation_outbox'];
    const values = await Promise.all(
      tables.map(async (table) => Number((await db(table).count({ n: '*' }))[0]!.n)),
    );
    return Object.fromEntries(tables.map((table, index) => [table, values[index]]));
  }

  async function registered(overrides: Record<string, unknown> = {}) {
    const record = serviceRecordBody(overrides);
    const created = await postJson(api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return record;
  }

  async function refused(
    call: Promise<{ status: number; body: Record<string, any> }>,
    status: number,
    id: string,
  ) {
    const before = await counts();
    const answer = await call;
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error.id, id);
    assert.ok(answer.body.error.message.length > 0);
    assert.deepEqual(await counts(), before, 'nothing stored');
  }

  describe('window device (POST /api/devices/:deviceId/ratings)', () => {
    const path = '/api/devices/xa-hall-w01-device/ratings';

    it('given the demo device and its key, when it posts a rating, then it is stored with channel window-device and the device id', async () => {
      const record = await registered();
      const answer = await post(
        api,
        path,
        { serviceRecordId: record.id, level: 'satisfied' },
        { 'x-device-key': DEMO_DEVICE_KEY },
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const row = await db('evaluations').where({ id: answer.body.id }).first();
      assert.equal(row.channel, 'window-device');
      assert.equal(row.level, 'satisfied');
      const identifiers = await db('evaluation_identifiers').where({ evaluation_id: answer.body.id }).first();
      assert.equal(identifiers.device_id, 'xa-hall-w01-device');
    });

    it('given the same rating posted again (a retry after a timeout), then 200 with the rating stored the first time and nothing new; another rating of the 办件 is still a duplicate', async () => {
      const record = await registered();
      const key = { 'x-device-key': DEMO_DEVICE_KEY };
      const body = { serviceRecordId: record.id, level: 'satisfied', tags: ['热情周到'], text: ' 很快 ' };
      const first = await post(api, path, body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await post(api, path, { ...body, text: '很快' }, key);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body, { ...first.body, retry: true });
      assert.equal((await db('evaluations').where({ service_record_id: record.id })).length, 1);
      await refused(post(api, path, { ...body, level: 'very-satisfied' }, key), 400, 'evaluation.duplicate');
    });

    it('given a batch rated from the device and the same request posted again (a retry), then 200 with the rating stored the first time; another rating of the batch is still refused (art. 9)', async () => {
      const batchId = `B-DEVICE-${Date.now()}`;
      const members = [await registered({ batchId }), await registered({ batchId })];
      const key = { 'x-device-key': DEMO_DEVICE_KEY };
      const body = { serviceRecordId: members[0]!.id, level: 'satisfied' };
      const first = await post(api, path, body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await post(api, path, body, key);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body, { ...first.body, retry: true });
      assert.equal((await db('evaluations').where({ service_record_id: members[0]!.id })).length, 1);
      await refused(
        post(api, path, { ...body, level: 'very-satisfied' }, key),
        400,
        'evaluation.batch_already_rated',
      );
      await refused(
        post(api, path, { ...body, serviceRecordId: members[1]!.id }, key),
        400,
        'evaluation.batch_already_rated',
      );
    });

    it('given a wrong key, no key or an unknown device, then 401 device.unauthorized and nothing is stored', async () => {
      const record = await registered();
      const body = { serviceRecordId: record.id, level: 'satisfied' };
      await refused(
        post(api, path, body, { 'x-device-key': `${DEMO_DEVICE_KEY}x` }),
        401,
        'device.unauthorized',
      );
      await refused(post(api, path, body, {}), 401, 'device.unauthorized');
      await refused(
        post(api, '/api/devices/no-such-device/ratings', body, { 'x-device-key': DEMO_DEVICE_KEY }),
        401,
        'device.unauthorized',
      );
    });

    it('given bad input (unknown level, 差评 without content, staff header), then 4xx with its id and nothing is stored', async () => {
      const record = await registered();
      const key = { 'x-device-key': DEMO_DEVICE_KEY };
      await refused(
        post(api, path, { serviceRecordId: record.id, level: '5' }, key),
        400,
        'evaluation.unknown_level',
      );
      await refused(
        post(api, path, { serviceRecordId: record.id, level: 'dissatisfied' }, key),
        400,
        'evaluation.bad_review_needs_content',
      );
      await refused(
        post(
          api,
          path,
          { serviceRecordId: record.id, level: 'satisfied' },
          { ...key, ...(await staff(api, 'wang.fang')).headers },
        ),
        403,
        'evaluation.staff_cannot_rate',
      );
      // A window's device rates what was served at that window, not another's.
      const elsewhere = await registered({ institutionId: 'xa-hall-w03' });
      await refused(
        post(api, path, { serviceRecordId: elsewhere.id, level: 'satisfied' }, key),
        403,
        'device.other_window',
      );
    });
  });

  describe('registering channels (hcp channel)', () => {
    const cli = async (args: string[], tablesDir = codeTablesDir) => {
      const lines: string[] = [];
      const errors: string[] = [];
      const code = await runChannelCommand(
        args,
        { log: (line) => lines.push(line), error: (line) => errors.push(line) },
        { environment: { DATABASE_URL: rating.url, CODE_TABLES_DIR: tablesDir } },
      );
      return { code, lines, errors, key: lines.at(-1)?.replace(/^key /, '') };
    };

    it('given a device registered at window 2, then its key (shown once, stored hashed) rates window 2 and a new key retires the old one', async () => {
      const added = await cli(['add-device', 'xa-hall-w02-device', '--window', 'xa-hall-w02']);
      assert.equal(added.code, 0, added.errors.join('\n'));
      assert.match(added.key!, /^hcp_[\w-]{32}$/);
      const stored = await db('rating_devices').where({ id: 'xa-hall-w02-device' }).first();
      assert.notEqual(stored.key_hash, added.key, 'only the hash is kept');
      const path = '/api/devices/xa-hall-w02-device/ratings';
      const record = await registered({ institutionId: 'xa-hall-w02' });
      const rated = await post(
        api,
        path,
        { serviceRecordId: record.id, level: 'satisfied' },
        { 'x-device-key': added.key! },
      );
      assert.equal(rated.status, 201, JSON.stringify(rated.body));

      const renewed = await cli(['new-key', 'device', 'xa-hall-w02-device']);
      assert.equal(renewed.code, 0);
      const next = await registered({ institutionId: 'xa-hall-w02' });
      const body = { serviceRecordId: next.id, level: 'satisfied' };
      await refused(post(api, path, body, { 'x-device-key': added.key! }), 401, 'device.unauthorized');
      assert.equal((await post(api, path, body, { 'x-device-key': renewed.key! })).status, 201);
    });

    it('given a partner system, then it is registered with its own key', async () => {
      const added = await cli([
        'add-partner',
        'xa-mobile-partner',
        '--platform',
        'xa-mobile',
        '--name',
        'i西安（接入）',
      ]);
      assert.equal(added.code, 0, added.errors.join('\n'));
      const stored = await db('partner_systems').where({ id: 'xa-mobile-partner' }).first();
      assert.equal(stored.platform_id, 'xa-mobile');
      assert.equal(stored.code_table, 'provincial', 'the default table');
    });

    it('given partners of two provinces’ interfaces, then code 1 is 非常不满意 from one and 非常满意 from the other, each in its own channel codes', async () => {
      const added = await cli([
        'add-partner',
        'other-province',
        '--platform',
        'xa-online-hall',
        '--name',
        '某省政务服务网（接入）',
        '--code-table',
        'gb-scale',
      ]);
      assert.equal(added.code, 0, added.errors.join('\n'));
      assert.equal(
        (await db('partner_systems').where({ id: 'other-province' }).first()).code_table,
        'gb-scale',
      );
      /** A rating of a new 办件 from the partner whose key is `key`, in its codes. */
      const rateAs = async (key: string, codes: Record<string, unknown>) =>
        post(
          api,
          '/api/partners/ratings',
          { serviceRecordId: (await registered()).id, ...codes },
          { 'x-partner-key': key },
        );
      const stored = async (answer: Awaited<ReturnType<typeof post>>) => {
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        return [answer.body.level, answer.body.channel];
      };
      const other = added.key!;
      assert.deepEqual(await stored(await rateAs(other, { satisfactionCode: 1, channelCode: '02' })), [
        'very-satisfied',
        'mobile',
      ]);
      assert.deepEqual(
        await stored(
          await rateAs(DEMO_PARTNER_KEY, { satisfactionCode: 1, channelCode: '2', text: '材料反复提交' }),
        ),
        ['very-dissatisfied', 'mobile'],
      );
      // Its "02" read as a number: the partner may send 2.
      assert.deepEqual(await stored(await rateAs(other, { satisfactionCode: 2, channelCode: 2 })), [
        'satisfied',
        'mobile',
      ]);
      const unrated = await registered();
      await refused(
        post(
          api,
          '/api/partners/ratings',
          // 3 is the provincial table's QR code; this interface has none.
          { serviceRecordId: unrated.id, satisfactionCode: 5, channelCode: '3' },
          { 'x-partner-key': other },
        ),
        400,
        'code_table.unknown_channel_code',
      );

      const switched = await cli(['set-code-table', 'other-province', 'provincial']);
      assert.equal(switched.code, 0, switched.errors.join('\n'));
      assert.match(switched.lines.join(''), /gb-scale → provincial/);
      assert.deepEqual(await stored(await rateAs(other, { satisfactionCode: 5, channelCode: '2' })), [
        'very-satisfied',
        'mobile',
      ]);
    });

    it('given a code table that is not loaded, then registering or switching to it is refused and nothing changes', async () => {
      const unknown = await cli([
        'add-partner',
        'third-province',
        '--platform',
        'xa-online-hall',
        '--name',
        '第三省',
        '--code-table',
        'no-such-table',
      ]);
      assert.equal(unknown.code, 1);
      assert.match(unknown.errors.join(''), /代码表不存在/);
      assert.equal(await db('partner_systems').where({ id: 'third-province' }).first(), undefined);
      const switched = await cli(['set-code-table', 'xa-online-hall-partner', 'no-such-table']);
      assert.equal(switched.code, 1);
      assert.match(switched.errors.join(''), /代码表不存在/);
      const missing = await cli(['set-code-table', 'no-such-partner', 'provincial']);
      assert.equal(missing.code, 1);
      assert.match(missing.errors.join(''), /未登记/);
      assert.equal((await cli(['set-code-table', 'xa-online-hall-partner'])).code, 2);
    });

    it('given a broken code-table folder, then commands that name a table are refused, and a key is still replaced', async () => {
      const broken = mkdtempSync(join(tmpdir(), 'hcp-code-tables-broken-'));
      writeFileSync(join(broken, 'half.json'), '{ "name": ');
      try {
        const withBroken = (args: string[]) => cli(args, broken);
        const switched = await withBroken(['set-code-table', 'xa-online-hall-partner', 'provincial']);
        assert.equal(switched.code, 1);
        assert.match(switched.errors.join(''), /half\.json/);
        const renewed = await withBroken(['new-key', 'device', 'xa-hall-w02-device']);
        assert.equal(renewed.code, 0, renewed.errors.join('\n'));
        assert.match(renewed.lines.at(-1)!, /^key hcp_/);
      } finally {
        rmSync(broken, { recursive: true, force: true });
      }
    });

    it('given a partner whose code table the server does not load, then its ratings get 503 partner.code_table_unavailable and nothing is stored, and the server refuses to start naming both', async () => {
      await db('partner_systems').insert({
        id: 'orphan-partner',
        name: '表已删除的接入系统',
        platform_id: 'xa-online-hall',
        key_hash: keyHash('orphan-partner-key'),
        code_table: 'gone',
      });
      try {
        await refused(
          post(
            api,
            '/api/partners/ratings',
            { serviceRecordId: (await registered()).id, satisfactionCode: 5, channelCode: '2' },
            { 'x-partner-key': 'orphan-partner-key' },
          ),
          503,
          'partner.code_table_unavailable',
        );
        await assert.rejects(
          startServer({ DATABASE_URL: rating.url, NODE_ENV: 'test', CODE_TABLES_DIR: codeTablesDir }, 0),
          /orphan-partner → gone/,
        );
      } finally {
        await db('partner_systems').where({ id: 'orphan-partner' }).delete();
      }
    });

    it('given bad registrations, then exit 1 or 2 with a Chinese reason and nothing stored', async () => {
      const before = Number((await db('rating_devices').count({ n: '*' }))[0]!.n);
      const unknownWindow = await cli(['add-device', 'x-device', '--window', 'no-such-window']);
      assert.equal(unknownWindow.code, 1);
      assert.match(unknownWindow.errors.join(''), /窗口编号不存在/);
      const again = await cli(['add-device', 'xa-hall-w01-device', '--window', 'xa-hall-w01']);
      assert.equal(again.code, 1);
      assert.match(again.errors.join(''), /已登记/);
      assert.equal((await cli(['add-device', 'x-device'])).code, 2);
      assert.equal((await cli(['frobnicate'])).code, 2);
      assert.equal((await cli(['new-key', 'device', 'no-such-device'])).code, 1);
      assert.equal(Number((await db('rating_devices').count({ n: '*' }))[0]!.n), before);
    });
  });

  describe('partner platform (POST /api/partners/ratings)', () => {
    const path = '/api/partners/ratings';
    const key = { 'x-partner-key': DEMO_PARTNER_KEY };

    it('given provincial codes 5 (非常满意) and 2 (移动端), then a very-satisfied rating by mobile is stored', async () => {
      const record = await registered();
      const answer = await post(
        api,
        path,
        { serviceRecordId: record.id, satisfactionCode: 5, channelCode: '2' },
        key,
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const row = await db('evaluations').where({ id: answer.body.id }).first();
      assert.equal(row.level, 'very-satisfied');
      assert.equal(row.channel, 'mobile');
    });

    it('given a rating the partner pushes later with its 评价时间, then that time is stored and art. 10 judged at it; a time ahead of ours is refused', async () => {
      const ratedAt = '2026-11-25T16:30:00+08:00';
      const ratedOn = (serviceRecordId: string, at: string) =>
        post(api, path, { serviceRecordId, satisfactionCode: 4, channelCode: '1', ratedAt: at }, key);
      const late = await ratedOn((await registered()).id, ratedAt);
      assert.equal(late.status, 201, JSON.stringify(late.body));
      assert.equal(late.body.ratedAt, new Date(ratedAt).toISOString());
      const row = await db('evaluations').where({ id: late.body.id }).first();
      assert.equal(new Date(row.rated_at).getTime(), Date.parse(ratedAt));

      const other = (await registered()).id;
      // Before the 办件 was accepted (2026-11-20 09:00): judged at the time reported, not at arrival.
      await refused(ratedOn(other, '2026-11-19T10:00:00+08:00'), 400, 'evaluation.rated_before_accepted');
      // An hour ahead of the server's 2026-11-26 10:00.
      await refused(ratedOn(other, '2026-11-26T11:00:00+08:00'), 400, 'evaluation.rated_in_future');
      await refused(ratedOn(other, '2026-11-26 09:00'), 400, 'request.invalid');
    });

    it('given a rater who chose real name on the platform, then their contact is stored encrypted and masked; real name without a phone is refused', async () => {
      const record = await registered();
      const namedBadReview = (phone: string) => ({
        serviceRecordId: record.id,
        satisfactionCode: 1,
        channelCode: '1',
        text: '材料被退回三次',
        realName: true,
        rater: { name: '李四', phone },
      });
      const named = await post(api, path, namedBadReview('13912345678'), key);
      assert.equal(named.status, 201, JSON.stringify(named.body));
      const row = await db('evaluations').where({ id: named.body.id }).first();
      assert.equal(row.real_name, true);
      assert.equal(row.rater_phone_masked, '139****5678');
      assert.ok(row.rater_phone_encrypted);
      assert.ok(!String(row.rater_phone_encrypted).includes('13912345678'), 'encrypted at rest');
      assert.equal(rating.protector.decrypt(row.rater_phone_encrypted), '13912345678');
      assert.ok(named.body.caseId, 'the 差评 opened its case, whose return visit can reach the rater');
      // Sent again, its phone written with spaces this time: the same rater.
      const retried = await post(api, path, namedBadReview('139 1234 5678'), key);
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(retried.body.retry, true);
      assert.equal(retried.body.id, named.body.id);

      const other = await registered();
      await refused(
        post(
          api,
          path,
          {
            serviceRecordId: other.id,
            satisfactionCode: 5,
            channelCode: '1',
            realName: true,
            rater: { name: '李四' },
          },
          key,
        ),
        400,
        'evaluation.real_name_needs_contact',
      );
    });

    it("given a theme (一件事) handled online, when the partner sends its overall rating (scope theme, art. 9), then it applies to every item, and an item's own rating after it is refused", async () => {
      const themeId = `TH-PARTNER-${Date.now()}`;
      const items = [await registered({ themeId }), await registered({ themeId })];
      const overall = await post(
        api,
        path,
        { serviceRecordId: items[0]!.id, scope: 'theme', satisfactionCode: 5, channelCode: '1' },
        key,
      );
      assert.equal(overall.status, 201, JSON.stringify(overall.body));
      assert.equal((await db('theme_overall_ratings').where({ evaluation_id: overall.body.id })).length, 1);
      const applies = await db('service_record_ratings').where({ evaluation_id: overall.body.id });
      assert.deepEqual(
        applies.map((row) => row.service_record_id).sort(),
        items.map((item) => item.id).sort(),
      );
      const before = await counts();
      await refused(
        post(api, path, { serviceRecordId: items[1]!.id, satisfactionCode: 4, channelCode: '1' }, key),
        400,
        'evaluation.theme_rated_overall',
      );
      assert.deepEqual(await counts(), before, 'overall or per item, never both');
      await refused(
        post(
          api,
          path,
          { serviceRecordId: items[0]!.id, scope: 'whole', satisfactionCode: 5, channelCode: '1' },
          key,
        ),
        400,
        'request.invalid',
      );
    });

    it("given a theme's overall rating sent again by the partner (a retry), then 200 with the rating stored the first time; the same marks for the item alone are still refused", async () => {
      const themeId = `TH-PARTNER-RETRY-${Date.now()}`;
      const items = [await registered({ themeId }), await registered({ themeId })];
      const body = { serviceRecordId: items[0]!.id, scope: 'theme', satisfactionCode: 4, channelCode: '1' };
      const first = await post(api, path, body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await post(api, path, body, key);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body, { ...first.body, retry: true });
      await refused(post(api, path, { ...body, scope: 'item' }, key), 400, 'evaluation.theme_rated_overall');
    });

    it('given the same rating sent again by the partner (a retry), then 200 with the rating stored the first time; a 差评 retried names its case', async () => {
      const record = await registered();
      const body = {
        serviceRecordId: record.id,
        satisfactionCode: '1',
        channelCode: 1,
        text: '材料反复提交',
      };
      const first = await post(api, path, body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await post(api, path, body, key);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(first.body.caseId, first.body.id, 'the 差评 opened its case');
      assert.deepEqual(again.body, { ...first.body, retry: true });
      assert.equal((await db('cases').where({ evaluation_id: first.body.id })).length, 1);
      await refused(post(api, path, { ...body, text: '另一条' }, key), 400, 'evaluation.duplicate');
    });

    it("given the platform's user account, as long as the schema allows, then it is kept only as a keyed hash of the platform and account", async () => {
      const record = await registered();
      const account = 'u'.repeat(128);
      const answer = await post(
        api,
        path,
        { serviceRecordId: record.id, satisfactionCode: 4, channelCode: '1', account },
        key,
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const stored = await db('evaluation_identifiers').where({ evaluation_id: answer.body.id }).first();
      // The demo partner's key names the online hall's system (infra/seed/demo-channels.ts).
      assert.equal(stored.account, rating.protector.lookupHash(`xa-online-hall:${account}`));
    });

    it('given provincial code 1 (非常不满意) with text, then a 差评 is stored and opens a case', async () => {
      const record = await registered();
      const answer = await post(
        api,
        path,
        { serviceRecordId: record.id, satisfactionCode: '1', channelCode: 1, text: '材料反复提交' },
        key,
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(answer.body.level, 'very-dissatisfied');
      assert.equal(answer.body.channel, 'online-hall');
      assert.equal(answer.body.caseId, answer.body.id);
    });

    it('given the province’s own tags, then they are stored as sent (not our preset table’s)', async () => {
      const record = await registered();
      const answer = await post(
        api,
        path,
        { serviceRecordId: record.id, satisfactionCode: 2, channelCode: 1, tags: ['办理流程复杂'] },
        key,
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual((await db('evaluations').where({ id: answer.body.id }).first()).tags, [
        '办理流程复杂',
      ]);
    });

    it('given a platform rating of a 办件 handled on another platform, then 403 partner.other_platform and nothing is stored; of its own platform, it is stored', async () => {
      const other = await registered({ channel: 'mobile', platformId: 'xa-mobile' });
      const body = {
        serviceRecordId: other.id,
        target: 'platform',
        satisfactionCode: 1,
        channelCode: 2,
        text: '闪退',
      };
      await refused(post(api, path, body, key), 403, 'partner.other_platform');
      assert.equal((await db('evaluations').where({ service_record_id: other.id })).length, 0);
      const own = await registered({ channel: 'online', platformId: 'xa-online-hall' });
      const answer = await post(api, path, { ...body, serviceRecordId: own.id, channelCode: 1 }, key);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal((await db('evaluations').where({ id: answer.body.id }).first()).target, 'platform');
    });

    it('given a 差评 whose only tag is invisible (zero-width characters), then 400 evaluation.bad_review_needs_content and nothing is stored (art. 8)', async () => {
      const record = await registered();
      await refused(
        post(
          api,
          path,
          { serviceRecordId: record.id, satisfactionCode: 1, channelCode: 1, tags: ['\u200b\u2060'] },
          key,
        ),
        400,
        'evaluation.bad_review_needs_content',
      );
    });

    it('given a wrong key, 系统默认评价 (7) or unknown codes, then it is refused and nothing is stored', async () => {
      const record = await registered();
      const body = { serviceRecordId: record.id, satisfactionCode: 3, channelCode: 1 };
      await refused(post(api, path, body, { 'x-partner-key': 'wrong' }), 401, 'partner.unauthorized');
      await refused(post(api, path, body, {}), 401, 'partner.unauthorized');
      await refused(
        post(api, path, { ...body, channelCode: 7 }, key),
        400,
        'code_table.default_rating_refused',
      );
      await refused(
        post(api, path, { ...body, channelCode: 9 }, key),
        400,
        'code_table.unknown_channel_code',
      );
      await refused(
        post(api, path, { ...body, satisfactionCode: 0 }, key),
        400,
        'code_table.unknown_level_code',
      );
    });
  });

  describe('SMS reply (POST /api/sms/inbound)', () => {
    const path = '/api/sms/inbound';
    const token = { authorization: `Bearer ${SMS_TOKEN}` };

    /** A 办件 completed at `completedAt` whose invitation waits; reminded then, unless `remindedAt` says otherwise. */
    async function invited(
      phone: string,
      completedAt: string,
      windowClosesAt = '2026-12-04T23:59:59+08:00',
      remindedAt: string | null = completedAt,
      overrides: Record<string, unknown> = {},
    ) {
      const record = await registered({
        acceptedAt: completedAt,
        completedAt,
        applicant: { phone },
        ...overrides,
      });
      await db('evaluation_invitations').insert({
        service_record_id: record.id,
        completed_at: completedAt,
        reminder_at: completedAt,
        window_closes_at: windowClosesAt,
        window_provisional: false,
        scheduled_at: completedAt,
        reminded_at: remindedAt,
      });
      return record;
    }

    it('given a reminded 办件 and a later one of the same phone not yet reminded, when a reply comes, then it rates the reminded one, and a second reply is refused', async () => {
      const reminded = await invited(
        '13900004444',
        '2026-11-24T09:00:00+08:00',
        undefined,
        '2026-11-25T10:00:00+08:00',
      );
      const notYet = await invited('13900004444', '2026-11-25T09:00:00+08:00', undefined, null);
      const answer = await post(api, path, { from: '13900004444', text: '5 窗口态度差' }, token);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(answer.body.serviceRecordId, reminded.id);
      await refused(
        post(api, path, { from: '13900004444', text: '1' }, token),
        404,
        'sms.no_waiting_invitation',
      );
      assert.equal(await db('evaluations').where({ service_record_id: notYet.id }).first(), undefined);
    });

    it("given a theme's three 办件 each reminded (主题式, art. 9), when the rater replies, then the reply is the theme's overall rating, applying to all three; the same reply again is answered with it, another is refused", async () => {
      const themeId = `TH-SMS-${Date.now()}`;
      const members = [];
      for (const hour of ['09', '10', '11']) {
        members.push(
          await invited('13900008881', `2026-11-25T${hour}:00:00+08:00`, undefined, undefined, { themeId }),
        );
      }
      const answer = await post(api, path, { from: '13900008881', text: '2' }, token);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(
        (await db('theme_overall_ratings').where({ evaluation_id: answer.body.id })).length,
        1,
        "stored as the theme's overall rating",
      );
      const applies = await db('service_record_ratings').where({ evaluation_id: answer.body.id });
      assert.deepEqual(
        applies.map((row) => row.service_record_id).sort(),
        members.map((member) => member.id).sort(),
      );
      const retried = await post(api, path, { from: '13900008881', text: '2' }, token);
      assert.equal(retried.status, 200, 'the gateway delivering it again gets the rating it stored');
      assert.equal(retried.body.id, answer.body.id);
      await refused(
        post(api, path, { from: '13900008881', text: '3' }, token),
        404,
        'sms.no_waiting_invitation',
      );
    });

    it('given a theme whose items were rated one by one, when the rater replies, then it rates the one item left; with two left it is refused as not saying which', async () => {
      const themeId = `TH-SMS-ITEMS-${Date.now()}`;
      const members = [];
      for (const hour of ['09', '10', '11']) {
        members.push(
          await invited('13900008882', `2026-11-25T${hour}:00:00+08:00`, undefined, undefined, { themeId }),
        );
      }
      const byQr = await postRating(api, rating.protector, {
        serviceRecordId: members[0]!.id,
        channel: 'qr-code',
        level: 'satisfied',
      });
      assert.equal(byQr.status, 201, JSON.stringify(byQr.body));
      await refused(
        post(api, path, { from: '13900008882', text: '1' }, token),
        409,
        'sms.several_waiting_invitations',
      );
      const second = await postRating(api, rating.protector, {
        serviceRecordId: members[2]!.id,
        channel: 'qr-code',
        level: 'satisfied',
      });
      assert.equal(second.status, 201, JSON.stringify(second.body));
      const answer = await post(api, path, { from: '13900008882', text: '1' }, token);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(answer.body.serviceRecordId, members[1]!.id);
      assert.deepEqual(await db('theme_overall_ratings').where({ evaluation_id: answer.body.id }), []);
    });

    it('given a theme of which one item was rated on the spot (so never reminded), when the rater replies to the reminder of another, then it rates that item, not the theme overall; with two reminded items left it is refused as not saying which', async () => {
      for (const [phone, reminded] of [
        ['13900008883', ['10']],
        ['13900008884', ['10', '11']],
      ] as const) {
        const themeId = `TH-SMS-SPOT-${phone}`;
        const onTheSpot = await invited(phone, '2026-11-25T09:00:00+08:00', undefined, null, { themeId });
        const byDevice = await post(
          api,
          '/api/devices/xa-hall-w01-device/ratings',
          { serviceRecordId: onTheSpot.id, level: 'very-satisfied' },
          { 'x-device-key': DEMO_DEVICE_KEY },
        );
        assert.equal(byDevice.status, 201, JSON.stringify(byDevice.body));
        const members = [];
        for (const hour of reminded) {
          members.push(
            await invited(phone, `2026-11-25T${hour}:00:00+08:00`, undefined, undefined, { themeId }),
          );
        }
        if (members.length > 1) {
          await refused(
            post(api, path, { from: phone, text: '2' }, token),
            409,
            'sms.several_waiting_invitations',
          );
          continue;
        }
        const answer = await post(api, path, { from: phone, text: '2' }, token);
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        assert.equal(answer.body.serviceRecordId, members[0]!.id);
        assert.deepEqual(await db('theme_overall_ratings').where({ theme_id: themeId }), []);
        const retried = await post(api, path, { from: phone, text: '2' }, token);
        assert.deepEqual(retried.body, { ...answer.body, retry: true }, 'a gateway retry: what was stored');
      }
    });

    it('given applicants whose phones were written with hyphens or are short, when they reply, then their 办件 is found', async () => {
      for (const [registeredAs, repliedFrom] of [
        ['139-0000-555-5', '13900005555'],
        ['13900006666-', '+86 139 0000 6666'],
        ['8888123', '8888123'],
      ] as const) {
        const record = await invited(registeredAs, '2026-11-25T11:00:00+08:00');
        const answer = await post(api, path, { from: repliedFrom, text: '2' }, token);
        assert.equal(answer.status, 201, `${registeredAs}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.serviceRecordId, record.id);
      }
    });

    it('given an unrated 办件 reminded days ago and one reminded now, when the reply comes twice (a gateway retry: answered with its rating) and a second reply comes, then it rates the latest once and never falls through to the older one', async () => {
      const older = await invited('13900001111', '2026-11-23T10:00:00+08:00');
      const newer = await invited('+86-139-0000-1111', '2026-11-25T10:00:00+08:00');
      const first = await post(api, path, { from: '+8613900001111', text: '4，等了两个小时' }, token);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.serviceRecordId, newer.id);
      const row = await db('evaluations').where({ id: first.body.id }).first();
      assert.equal(row.level, 'dissatisfied');
      assert.equal(row.channel, 'sms');
      assert.equal(row.text, '等了两个小时');
      assert.equal(row.rater_phone_masked, '+86****1111');
      const retried = await post(api, path, { from: '+8613900001111', text: '4，等了两个小时' }, token);
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.deepEqual(retried.body, { ...first.body, retry: true }, 'a gateway retry: what was stored');
      await refused(
        post(api, path, { from: '+8613900001111', text: '3' }, token),
        404,
        'sms.no_waiting_invitation',
      );
      assert.equal((await db('evaluations').where({ service_record_id: older.id })).length, 0);
      assert.equal((await db('evaluations').where({ service_record_id: newer.id })).length, 1);
    });

    it('given two 办件 of one phone reminded within a day and both unrated, when a reply comes, then it is refused as not saying which, nothing is rated, and the rater is told once to use the links', async () => {
      // Reminded two hours apart: the reply may answer either.
      const older = await invited('13900007771', '2026-11-25T08:00:00+08:00');
      const newer = await invited('13900007771', '2026-11-25T10:00:00+08:00');
      for (const attempt of [1, 2]) {
        await refused(
          post(api, path, { from: '13900007771', text: '１' }, token),
          409,
          'sms.several_waiting_invitations',
        );
        const told = await db('notifications').where({
          idempotency_key: `sms-reply-ambiguous:${[older.id, newer.id].sort().join(',')}`,
        });
        assert.equal(told.length, 1, `one message after attempt ${attempt}`);
        assert.equal(told[0].body, SMS_REPLY_AMBIGUOUS);
      }
      assert.equal((await db('evaluations').whereIn('service_record_id', [older.id, newer.id])).length, 0);
    });

    it('given the 办件 of one batch reminded to one phone, when a reply comes, then it rates the batch (art. 9)', async () => {
      const batchId = `B-${Date.now()}`;
      const first = await registered({
        acceptedAt: '2026-11-25T09:00:00+08:00',
        completedAt: '2026-11-25T10:00:00+08:00',
        applicant: { phone: '13900007772' },
        batchId,
      });
      const second = await registered({
        acceptedAt: '2026-11-25T09:00:00+08:00',
        completedAt: '2026-11-25T10:00:00+08:00',
        applicant: { phone: '13900007772' },
        batchId,
      });
      for (const record of [first, second]) {
        await db('evaluation_invitations').insert({
          service_record_id: record.id,
          completed_at: '2026-11-25T10:00:00+08:00',
          reminder_at: '2026-11-26T10:00:00+08:00',
          window_closes_at: '2026-12-04T23:59:59+08:00',
          window_provisional: false,
          scheduled_at: '2026-11-25T10:00:00+08:00',
          reminded_at: '2026-11-26T10:00:00+08:00',
        });
      }
      const answer = await post(api, path, { from: '13900007772', text: '2' }, token);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.ok([first.id, second.id].includes(answer.body.serviceRecordId));
    });

    it('given an unknown phone, a closed window, an unreadable reply or a wrong token, then it is refused and nothing is stored', async () => {
      await invited('13900002222', '2026-11-10T10:00:00+08:00', '2026-11-20T23:59:59+08:00');
      await refused(
        post(api, path, { from: '13900002222', text: '1' }, token),
        404,
        'sms.no_waiting_invitation',
      );
      const waiting = await invited('13900003333', '2026-11-25T10:00:00+08:00');
      await refused(
        post(api, path, { from: '13900009999', text: '1' }, token),
        404,
        'sms.no_waiting_invitation',
      );
      // Unreadable (no digit; a count or ordinal after it): refused, and the rater told once how to reply.
      for (const text of ['好', '1号窗口态度很差', '3次都没办成']) {
        await refused(post(api, path, { from: '13900003333', text }, token), 400, 'sms.unreadable_reply');
      }
      const howToReply = await db('notifications').where({
        idempotency_key: `sms-reply-unreadable:${waiting.id}`,
      });
      assert.deepEqual(
        howToReply.map((row) => [row.body, row.recipient_masked]),
        [[SMS_REPLY_UNREADABLE, '139****3333']],
      );
      assert.equal((await db('evaluations').where({ service_record_id: waiting.id })).length, 0);
      // A 差评 without text (art. 8): refused, and the rater is told once by SMS how to add the reason.
      for (const attempt of [1, 2]) {
        await refused(
          post(api, path, { from: '13900003333', text: '5' }, token),
          400,
          'evaluation.bad_review_needs_content',
        );
        const told = await db('notifications').where({
          idempotency_key: `sms-reply-needs-text:${waiting.id}`,
        });
        assert.equal(told.length, 1, `one message after attempt ${attempt}`);
        assert.equal(told[0].body, SMS_BAD_REVIEW_NEEDS_TEXT);
        assert.equal(told[0].recipient_masked, '139****3333');
      }
      await refused(
        post(api, path, { from: '13900003333', text: '1' }, { authorization: 'Bearer wrong' }),
        401,
        'sms.unauthorized',
      );
      await refused(post(api, path, { from: '13900003333', text: '1' }, {}), 401, 'sms.unauthorized');
    });
  });
});
