// Fraud signals (art. 23) and audited reveals of raters' contact data (art. 24), issue 5, over HTTP
// against a real PostgreSQL. Each test uses its own phones and windows so the signals do not mix.
import assert from 'node:assert/strict';
import { toLedgerRow } from '../support/ledger-rows.ts';
import { randomUUID } from 'node:crypto';
import { runFraudCommand } from '../../cli/fraud.ts';
import { chainHash } from '../../domain/evaluation/ledger.ts';
import { createEvaluationIntake } from '../../domain/evaluation/intake.ts';
import { createEvaluationStore } from '../../infra/stores/evaluation-store.ts';
import { shippedCalendar } from '../support/calendar.ts';
import {
  eventually,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { addStaffMember, DISTRICT_SUPERVISOR, staff } from '../support/staff.ts';
import { importPublicComment } from '../support/public-comments.ts';
import { parseHallNetworks } from '../../domain/fraud/hall-networks.ts';

const T0 = Date.parse('2026-11-26T02:00:00Z');
const MINUTE = 60_000;
/** The halls' guest Wi-Fi (HALL_NETWORKS) of this world: every visitor scanning a QR code rates from it. */
const HALL_NETWORKS = '100.64.10.0/24, 2001:db8:4a11::/48';

describe('fraud signals and contact reveals (issue 5, art. 23–24)', () => {
  let world: RatingApi;

  before(async () => {
    world = await startRatingApi('hcp_test_db_fraud', { hallNetworks: parseHallNetworks(HALL_NETWORKS) });
  });

  after(() => world.stop());

  let nextIp = 0;
  /**
   * A QR rating of a new 办件 at `at`, each from a phone of its own (its IP as the proxy in front forwards it)
   * unless `from` says otherwise: else every rating would come from this test's one IP, a burst of its own.
   */
  async function rate(
    at: number,
    body: Record<string, unknown>,
    record: Record<string, unknown> = {},
    from = `198.51.100.${(nextIp += 1) % 250}`,
  ) {
    const registered = serviceRecordBody(record);
    assert.equal(
      (await postJson(world.api, '/api/service-records', registered, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    world.setNow(new Date(at));
    const response = await postRating(
      world.api,
      world.protector,
      { serviceRecordId: registered.id, channel: 'qr-code', level: 'satisfied', ...body },
      { 'x-forwarded-for': from },
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id as string;
  }

  const flagsOf = (id: string) => world.db('fraud_flags').where({ evaluation_id: id }).orderBy('signal');

  function flagged(id: string, signal: string) {
    return eventually(
      async () =>
        (await flagsOf(id)).find((flag) => flag.signal === signal) as Record<string, any> | undefined,
      { what: `${signal} on ${id}` },
    );
  }

  it('given 3 ratings from one phone within 10 minutes, then the 3rd is flagged with its reason, and the two before it with the same flag', async () => {
    const rater = { name: '赵六', phone: '13700000001' };
    const ids = [];
    for (const minutes of [0, 3, 6]) ids.push(await rate(T0 + minutes * MINUTE, { rater }));
    const flag = await flagged(ids[2]!, 'burst-phone');
    assert.match(flag.reasons, /同一手机号在 10 分钟内对 3 次办理提交了 3 条评价/);
    assert.deepEqual(flag.details.evaluationIds, ids);
    assert.doesNotMatch(JSON.stringify(flag.details), /13700000001/, 'no phone in the details');
    for (const earlier of [ids[0]!, ids[1]!]) {
      const [same] = await flagsOf(earlier);
      const counts = { count: 3, threshold: 3, withinMinutes: 10, ratings: 3 };
      assert.deepEqual(
        [same.signal, same.reasons, same.details],
        ['burst-phone', flag.reasons, { ...counts, groupListedOn: ids[2] }],
      );
    }
  });

  it('given the items of one theme rated one by one from one phone within minutes (art. 9), then no burst is flagged', async () => {
    const rater = { phone: '13700000009' };
    const ids = [];
    for (const minutes of [0, 1, 2]) {
      ids.push(await rate(T0 + (500 + minutes) * MINUTE, { rater }, { themeId: 'T-FRAUD-1' }));
    }
    // The server checks each rating after it is stored: give the last check time to land.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const id of ids) assert.deepEqual(await flagsOf(id), [], id);
  });

  it('given thirty QR ratings through one hall address within ten minutes, then each is flagged burst-ip once, and only the flags that crossed the threshold list their group', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 30; index++) {
      ids.push(await rate(T0 + 600 * MINUTE + index * 10_000, {}, {}, '203.0.113.77'));
    }
    await eventually(
      async () =>
        (await world.db('fraud_flags').whereIn('evaluation_id', ids).where({ signal: 'burst-ip' })).length ===
          30 || undefined,
      { what: 'a burst-ip flag on each of the thirty' },
    );
    const flags = await world.db('fraud_flags').whereIn('evaluation_id', ids).where({ signal: 'burst-ip' });
    assert.equal(flags.length, 30);
    const listed = flags.filter((row) => Array.isArray(row.details.evaluationIds));
    assert.ok(listed.length <= 28, 'the first two, flagged as members, list nothing');
    for (const row of flags.filter((candidate) => !Array.isArray(candidate.details.evaluationIds))) {
      assert.ok(ids.includes(row.details.groupListedOn), 'a member names the flag that lists its group');
    }
  });

  it("given QR ratings through a hall's guest Wi-Fi (HALL_NETWORKS), IPv4 or IPv6, then no burst-ip; the same pace from another address is flagged", async () => {
    const viaHall: string[] = [];
    for (const [index, from] of ['100.64.10.20', '100.64.10.21', '100.64.10.20', '100.64.10.20'].entries()) {
      viaHall.push(await rate(T0 + 700 * MINUTE + index * 30_000, {}, {}, from));
    }
    for (const index of [0, 1, 2]) {
      viaHall.push(await rate(T0 + 710 * MINUTE + index * 30_000, {}, {}, `2001:db8:4a11:${index}::5`));
    }
    const stored = await world.db('evaluation_identifiers').whereIn('evaluation_id', viaHall).pluck('ip');
    assert.ok(stored.includes('2001:db8:4a11:1::/64'), 'the address is still stored, as for every rating');
    const elsewhere: string[] = [];
    for (const index of [0, 1, 2]) {
      elsewhere.push(await rate(T0 + 720 * MINUTE + index * 30_000, {}, {}, '100.64.11.20'));
    }
    // The checks run in order, batch after batch: once the later ratings' flags are there, so would theirs be.
    await flagged(elsewhere[2]!, 'burst-ip');
    assert.deepEqual(await world.db('fraud_flags').whereIn('evaluation_id', viaHall), []);
  });

  it('given device identifiers, then they are stored beside the rating, the phone and the account only as keyed hashes, and the chain holds', async () => {
    // The IP a client claims is not taken: a script could dodge the IP burst rule with a new one each time.
    const id = await rate(
      T0 + 60 * MINUTE,
      {
        rater: { phone: '13700000002' },
        device: { id: 'device-a', ip: '192.0.2.1', account: 'wx-openid-1' },
      },
      {},
      '203.0.113.9',
    );
    const stored = await world.db('evaluation_identifiers').where({ evaluation_id: id }).first();
    assert.deepEqual(
      { device: stored.device_id, ip: stored.ip, account: stored.account },
      { device: 'device-a', ip: '203.0.113.9', account: world.protector.lookupHash('wx-openid-1') },
    );
    assert.equal(stored.phone_hash, world.protector.lookupHash('13700000002'));
    const row = await world.db('evaluations').where({ id }).first();
    const recomputed = chainHash(row.previous_hash, toLedgerRow(row));
    assert.equal(recomputed, row.hash, 'the identifiers are not in the hashed row');
    const fromQr = await rate(T0 + 61 * MINUTE, {}, {}, '198.51.100.251');
    const taken = await world.db('evaluation_identifiers').where({ evaluation_id: fromQr }).first();
    assert.equal(taken.ip, '198.51.100.251', "a rater's own client: the request's IP (through the proxy)");
    const notAnAddress = await rate(T0 + 62 * MINUTE, {}, {}, 'x'.repeat(80));
    const none = await world.db('evaluation_identifiers').where({ evaluation_id: notAnAddress }).first();
    assert.equal(none?.ip ?? null, null, 'a forwarded "address" that is none: stored, without an IP');
  });

  it('given a bad device field, then 400 request.invalid and nothing is stored', async () => {
    const registered = serviceRecordBody();
    await postJson(world.api, '/api/service-records', registered, HANDLING_SYSTEM_HEADERS);
    const count = async () => Number((await world.db('evaluations').count({ n: '*' }))[0]!.n);
    const before = await count();
    for (const device of [{ ip: 'not-an-ip' }, { id: '' }, { serial: 'x' }]) {
      const response = await postRating(world.api, world.protector, {
        serviceRecordId: registered.id,
        channel: 'qr-code',
        level: 'satisfied',
        device,
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.error.id, 'request.invalid');
    }
    assert.equal(await count(), before);
  });

  it("given a rater phone equal to a staff member's work phone, then staff-phone is flagged", async () => {
    // 王芳 (wang.fang, xa-market) in the demo data, written another way.
    const id = await rate(T0 + 120 * MINUTE, {
      level: 'very-satisfied',
      rater: { phone: '+86-13991000101' },
    });
    const flag = await flagged(id, 'staff-phone');
    assert.equal(flag.details.userId, 'wang.fang');
  });

  it('given 5 非常满意 on one window within 5 minutes, then the 5th is flagged, and the four before it', async () => {
    const ids = [];
    for (const minutes of [0, 1, 2, 3, 4]) {
      ids.push(
        await rate(
          T0 + (180 + minutes) * MINUTE,
          { level: 'very-satisfied' },
          { institutionId: 'xa-hall-w03' },
        ),
      );
    }
    const flag = await flagged(ids[4]!, 'top-rating-run');
    assert.match(flag.reasons, /同一窗口（xa-hall-w03）5 分钟内有 5 次办理收到“非常满意”/);
    for (const earlier of ids.slice(0, 4)) {
      assert.deepEqual(
        (await flagsOf(earlier)).map((row) => row.signal),
        ['top-rating-run'],
      );
    }
  });

  it('given 5 非常满意 of 办件 served by the hall itself (no window named) within 5 minutes, then no run: a hall is all its windows’ traffic', async () => {
    const ids = [];
    for (const minutes of [0, 1, 2, 3, 4]) {
      // The last three from one phone: their burst flag shows the checks of all five have run.
      const rater = minutes >= 2 ? { rater: { phone: '13700000088' } } : {};
      ids.push(
        await rate(
          T0 + (240 + minutes) * MINUTE,
          { level: 'very-satisfied', ...rater },
          { institutionId: 'xa-hall' },
        ),
      );
    }
    await flagged(ids[4]!, 'burst-phone');
    for (const id of ids) {
      assert.ok(!(await flagsOf(id)).some((row) => row.signal === 'top-rating-run'), id);
    }
  });

  it('given 3 差评 by one phone within 7 days across 2 units, then the 3rd is flagged', async () => {
    const rater = { name: '钱七', phone: '13700000003' };
    const bad = { level: 'dissatisfied', tags: ['态度生硬'], rater };
    const hrss = { itemCode: 'XA-RS-0001', handlingDepartmentId: 'xa-hrss', institutionId: 'xa-hall-w02' };
    const ids = [
      await rate(T0 + 300 * MINUTE, bad),
      await rate(T0 + 2 * 24 * 60 * MINUTE, bad, hrss),
      await rate(T0 + 4 * 24 * 60 * MINUTE, bad),
    ];
    const flag = await flagged(ids[2]!, 'repeated-bad-reviews');
    assert.deepEqual(flag.details.departmentIds, ['xa-hrss', 'xa-market']);
    assert.match(flag.reasons, /疑似恶意差评/);
    const first = (await flagsOf(ids[0]!)).find((row) => row.signal === 'repeated-bad-reviews');
    assert.equal(first?.details.groupListedOn, ids[2], 'the first 差评 of the series can be reviewed too');
  });

  it('given flags, then supervisors list them with the contact masked', async () => {
    const supervisor = await staff(world.api, 'sun.li');
    const response = await fetch(`${world.api}/api/fraud-flags?since=2000-01-01T00:00:00Z`, {
      headers: supervisor.headers,
    });
    const body = (await response.json()) as Record<string, any>;
    assert.equal(response.status, 200);
    const burst = body.flags.find((flag: any) => flag.signal === 'burst-phone');
    assert.equal(burst.evaluation.rater.phone, '137****0001');
    assert.equal(burst.evaluation.rater.name, '赵*');
    const run = body.flags.find((flag: any) => flag.signal === 'top-rating-run');
    assert.deepEqual(
      [run.evaluation.institutionId, run.evaluation.institutionName],
      ['xa-hall-w03', '不动产与住建 3 号窗口'],
      'the window by its name',
    );
    assert.doesNotMatch(JSON.stringify(body), /13700000001|phone_hash|phoneHash/);
    const bad = await fetch(`${world.api}/api/fraud-flags?since=yesterday`, { headers: supervisor.headers });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).error.id, 'request.invalid');
    const unit = await (await staff(world.api, 'wang.fang')).get('/api/fraud-flags');
    assert.equal(unit.status, 403, 'a unit does not see fraud flags');
    assert.equal(unit.body.error.id, 'auth.forbidden');
    // A district's supervisor sees only the flags of their district's units: none of these city ones.
    await addStaffMember(world.db, DISTRICT_SUPERVISOR);
    const district = await staff(world.api, DISTRICT_SUPERVISOR.id);
    const elsewhere = await district.get('/api/fraud-flags?since=2000-01-01T00:00:00Z');
    assert.equal(elsewhere.status, 200);
    assert.ok(body.flags.length > 0);
    assert.deepEqual(elsewhere.body.flags, []);
  });

  describe('revealing a rater’s contact (art. 24)', () => {
    let id: string;
    before(async () => {
      id = await rate(T0 + 10 * 24 * 60 * MINUTE, { rater: { name: '孙八', phone: '13700000009' } });
    });

    /** Asks as the signed-in `user`, or without a session. */
    const reveal = async (evaluationId: string, user: string | undefined, body: unknown) =>
      postJson(
        world.api,
        `/api/evaluations/${evaluationId}/reveal-contact`,
        body,
        user ? (await staff(world.api, user)).headers : {},
      );

    const audits = () => world.db('contact_reveals').where({ evaluation_id: id });

    it('given a supervisor and a reason, then the contact comes back and one audit row is written', async () => {
      const response = await reveal(id, 'sun.li', { reason: '核查疑似刷评标记' });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.rater, { name: '孙八', phone: '13700000009' });
      const rows = await audits();
      assert.equal(rows.length, 1);
      assert.deepEqual(
        { user: rows[0].user_id, role: rows[0].role, reason: rows[0].reason },
        { user: 'sun.li', role: 'supervisor', reason: '核查疑似刷评标记' },
      );
    });

    it('given a real-name 综合点评 差评 (no 办件) and a 12345 operator with a reason, then its contact comes back and the audit row names the subject rating', async () => {
      const { report, ratingId } = await importPublicComment(
        { db: world.db, protector: world.protector, now: new Date(T0) },
        {
          渠道: '电子邮件',
          评价对象类型: '服务机构',
          评价对象编号: 'xa-hall-w01',
          评价等级: '不满意',
          文字评价: '窗口无人',
          实名: '是',
          评价人: '钱九',
          联系电话: '13600000010',
        },
      );
      assert.equal(report.stored, 1);
      const response = await reveal(ratingId!, 'liu.yang', { reason: '回访来信人' });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.rater, { name: '钱九', phone: '13600000010' });
      const [row, ...more] = await world.db('contact_reveals').where({ subject_evaluation_id: ratingId });
      assert.equal(more.length, 0);
      assert.deepEqual([row.evaluation_id, row.user_id, row.reason], [null, 'liu.yang', '回访来信人']);
    });

    it('given a flagged 差评 whose text holds a callback number and an ID number, then the case and the flag list show both masked, and a reveal gives the text as written', async () => {
      const written = '请回电13812345678，我的身份证号610103199001011238，窗口拒收材料';
      const rater = { name: '吴十二', phone: '13700000012' };
      const ids = [];
      for (const minutes of [0, 3]) ids.push(await rate(T0 + (12 * 24 * 60 + minutes) * MINUTE, { rater }));
      const badReview = await rate(T0 + (12 * 24 * 60 + 6) * MINUTE, {
        level: 'very-dissatisfied',
        text: written,
        rater,
      });
      await flagged(badReview, 'burst-phone');
      const masked = '请回电138****5678，我的身份证号610***********1238，窗口拒收材料';
      const supervisor = await staff(world.api, 'sun.li');
      const shown = await supervisor.get(`/api/cases/${badReview}`);
      assert.equal(shown.status, 200, JSON.stringify(shown.body));
      assert.equal(shown.body.evaluation.text, masked);
      const flags = await supervisor.get('/api/fraud-flags?since=2000-01-01T00:00:00Z');
      const listed = flags.body.flags.find((flag: any) => flag.evaluation.id === badReview);
      assert.equal(listed.evaluation.text, masked);
      assert.doesNotMatch(JSON.stringify([shown.body, flags.body]), /13812345678|610103199001011238/);
      const stored = await world.db('evaluations').where({ id: badReview }).first();
      assert.equal(stored.text, written, 'the ledger keeps what was written');
      const response = await reveal(badReview, 'sun.li', { reason: '按来信所留号码回电' });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.text, written);
      assert.equal((await world.db('contact_reveals').where({ evaluation_id: badReview })).length, 1);
    });

    it('given a real-name 差评 of a 办件, then the 12345 operator may reveal its rater for the return visit', async () => {
      const badReview = await rate(T0 + 11 * 24 * 60 * MINUTE, {
        level: 'very-dissatisfied',
        tags: ['态度生硬'],
        realName: true,
        rater: { name: '周十', phone: '13700000011' },
      });
      const response = await reveal(badReview, 'liu.yang', { reason: '差评回访' });
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.rater, { name: '周十', phone: '13700000011' });
    });

    it('given a supervisor of another jurisdiction (雁塔区), then a city unit’s rating is not found for them, while their own district’s is revealed — to them and to the city’s supervisor', async () => {
      await addStaffMember(world.db, DISTRICT_SUPERVISOR);
      const before = (await world.db('contact_reveals').count({ n: '*' }))[0]!.n;
      const elsewhere = await reveal(id, DISTRICT_SUPERVISOR.id, { reason: '随便看看' });
      assert.equal(elsewhere.status, 404);
      assert.equal(elsewhere.body.error.id, 'evaluation.not_found');
      assert.doesNotMatch(JSON.stringify(elsewhere.body), /13700000009|孙八/);
      assert.equal((await world.db('contact_reveals').count({ n: '*' }))[0]!.n, before, 'no audit row');

      const district = await rate(
        T0 + 12 * 24 * 60 * MINUTE,
        { rater: { name: '吴十一', phone: '13700000012' } },
        { handlingDepartmentId: 'yt-hrss' },
      );
      for (const user of [DISTRICT_SUPERVISOR.id, 'sun.li']) {
        const response = await reveal(district, user, { reason: '核查疑似刷评标记' });
        assert.equal(response.status, 200, user);
        assert.deepEqual(response.body.rater, { name: '吴十一', phone: '13700000012' });
      }
    });

    it('given reveals, then an admin reads their audit, newest first and filtered, without the contact; no one else may', async () => {
      const admin = await staff(world.api, 'admin');
      const all = await admin.get('/api/contact-reveals');
      assert.equal(all.status, 200);
      assert.ok(all.body.reveals.length >= 3);
      const ofRating = await admin.get(`/api/contact-reveals?evaluationId=${id}`);
      assert.deepEqual(
        (ofRating.body.reveals as any[]).map((reveal) => [reveal.user.id, reveal.role, reveal.reason]),
        [['sun.li', 'supervisor', '核查疑似刷评标记']],
      );
      assert.equal(ofRating.body.reveals[0].evaluationId, id);
      assert.equal(ofRating.body.reveals[0].ledger, 'evaluations');
      const byOperator = await admin.get('/api/contact-reveals?userId=liu.yang');
      assert.ok((byOperator.body.reveals as any[]).every((reveal) => reveal.user.id === 'liu.yang'));
      const ids = (all.body.reveals as any[]).map((reveal) => Number(reveal.id));
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
        'newest first',
      );
      assert.doesNotMatch(JSON.stringify(all.body), /1370000000\d|孙八/);
      for (const user of ['sun.li', 'liu.yang', 'wang.fang']) {
        const refused = await (await staff(world.api, user)).get('/api/contact-reveals');
        assert.equal(refused.status, 403, user);
      }
      const bad = await admin.get('/api/contact-reveals?evaluationId=x');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.id, 'request.invalid');
    });

    const refusals: [string, string, string | undefined, unknown, number, string][] = [
      ['no session', 'id', undefined, { reason: '回访' }, 401, 'auth.required'],
      ['no reason', 'id', 'liu.yang', {}, 400, 'contact.reason_required'],
      ['a blank reason', 'id', 'liu.yang', { reason: '  ' }, 400, 'contact.reason_required'],
      ['a unit staff member', 'id', 'wang.fang', { reason: '回访' }, 403, 'contact.user_not_allowed'],
      ['an approval reviewer', 'id', 'zhao.min', { reason: '回访' }, 403, 'contact.user_not_allowed'],
      ['an unknown rating', randomUUID(), 'liu.yang', { reason: '回访' }, 404, 'evaluation.not_found'],
      [
        'a 12345 operator and an anonymous rating that is no 差评',
        'id',
        'liu.yang',
        { reason: '回访' },
        403,
        'contact.not_for_return_visit',
      ],
    ];
    for (const [what, target, user, body, status, errorId] of refusals) {
      it(`given ${what}, then ${status} ${errorId}, nothing revealed and no audit row`, async () => {
        const before = (await world.db('contact_reveals').count({ n: '*' }))[0]!.n;
        const response = await reveal(target === 'id' ? id : target, user, body);
        assert.equal(response.status, status);
        assert.equal(response.body.error.id, errorId);
        assert.match(response.body.error.message, /[\u4e00-\u9fff]/);
        assert.doesNotMatch(JSON.stringify(response.body), /13700000009|孙八/);
        assert.equal((await world.db('contact_reveals').count({ n: '*' }))[0]!.n, before);
      });
    }
  });

  it('given ratings stored without their check (a crash), then `hcp fraud scan` flags them once and a second scan adds nothing', async () => {
    // Let the server's own checks of earlier ratings finish first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids: string[] = [];
    const viaHall: string[] = [];
    for (const minutes of [0, 2, 4]) {
      const record = serviceRecordBody();
      await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
      const intake = createEvaluationIntake({
        store: createEvaluationStore(world.db),
        protector: world.protector,
        clock: () => new Date(T0 + (20 * 24 * 60 + minutes) * MINUTE),
        newId: randomUUID,
        workingCalendar: shippedCalendar,
      });
      const submitted = await intake.submit({
        serviceRecordId: record.id,
        target: 'service',
        channel: 'window-device',
        level: 'satisfied',
        tags: [],
        text: '',
        realName: false,
        rater: { phone: '13700000004' },
      });
      ids.push(submitted.id);
      // And a QR rating through a hall's guest Wi-Fi, which the scan, configured as the server is, leaves alone.
      const fromHall = serviceRecordBody();
      await postJson(world.api, '/api/service-records', fromHall, HANDLING_SYSTEM_HEADERS);
      const throughWifi = await intake.submit({
        serviceRecordId: fromHall.id,
        target: 'service',
        channel: 'qr-code',
        level: 'satisfied',
        tags: [],
        text: '',
        realName: false,
        device: { ip: '100.64.10.30' },
      });
      viaHall.push(throughWifi.id);
    }
    assert.equal((await world.db('fraud_flags').whereIn('evaluation_id', ids)).length, 0, 'not checked yet');
    const scan = async () => {
      const lines: string[] = [];
      const code = await runFraudCommand(
        ['scan'],
        { log: (line) => lines.push(line), error: (line) => lines.push(line) },
        {
          environment: {
            DATABASE_URL: world.url,
            HCP_ENCRYPTION_KEY: 'd'.repeat(64),
            HALL_NETWORKS,
          },
        },
      );
      return { code, last: lines[lines.length - 1] };
    };
    const first = await scan();
    assert.equal(first.code, 0);
    const flags = await world.db('fraud_flags').whereIn('evaluation_id', ids);
    assert.deepEqual(
      flags.map((flag) => [flag.evaluation_id, flag.signal]).sort(),
      ids.map((id) => [id, 'burst-phone']).sort(),
    );
    assert.match(first.last!, /^scanned \d+ flagged \d+$/);
    assert.equal(
      Number(/^scanned (\d+)/.exec(first.last!)![1]) >= 6,
      true,
      'the ratings through the Wi-Fi were scanned',
    );
    assert.deepEqual(await world.db('fraud_flags').whereIn('evaluation_id', viaHall), []);
    const total = (await world.db('fraud_flags').count({ n: '*' }))[0]!.n;
    const second = await scan();
    assert.deepEqual(second, { code: 0, last: 'scanned 0 flagged 0' });
    assert.equal((await world.db('fraud_flags').count({ n: '*' }))[0]!.n, total);
  });
});
