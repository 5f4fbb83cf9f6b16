// Issue 5, bad input: generated rating bodies — well-formed, half-formed and nonsense — never get a 5xx,
// never leave a partial write (a rating without its case, a case without its rating or start order), and
// the ledger still verifies afterwards.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { verifyLedger } from '../../infra/ledger/verify.ts';
import { EVALUATION_CHANNELS } from '../../domain/evaluation/channels.ts';
import { EVALUATION_LEVELS } from '../../domain/evaluation/levels.ts';
import { startRatingApi } from '../support/rating-api.ts';
import { postJson, serviceRecordBody, HANDLING_SYSTEM_HEADERS, postRating } from '../support/fixtures.ts';
import type { RatingApi } from '../support/rating-api.ts';

const RECORDS = 12;

/** Any UTF-16 code unit, lone surrogates and NUL included: what a JSON body's \uXXXX escapes can carry. */
const codeUnits = (maxLength: number) =>
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    maxLength,
  });

describe('rating endpoints under generated input (issue 5)', () => {
  let world: RatingApi;
  const recordIds: string[] = [];

  before(async () => {
    world = await startRatingApi('hcp_test_db_rating_fuzz');
    for (let index = 0; index < RECORDS; index++) {
      const record = serviceRecordBody();
      assert.equal(
        (await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
        201,
      );
      recordIds.push(record.id);
    }
  });

  after(() => world.stop());

  it('given generated bodies, when they are posted, then no 5xx, no partial writes, and the ledger verifies', async () => {
    const codeOf = (id: string) => world.protector.ratingCode(id);
    // The registered 办件 exist only now, after `before`.
    const plausible = fc.record(
      {
        serviceRecordId: fc.oneof(fc.constantFrom(...(recordIds.length ? recordIds : ['x'])), fc.string()),
        // The receipts' codes (each right for one 办件 only), anything typed, or a number.
        ratingCode: fc.oneof(fc.constantFrom(...recordIds.map(codeOf)), fc.string(), fc.integer()),
        target: fc.constantFrom('service', 'platform', 'window', ''),
        channel: fc.oneof(fc.constantFrom(...EVALUATION_CHANNELS), fc.string()),
        level: fc.oneof(fc.constantFrom(...EVALUATION_LEVELS), fc.string(), fc.integer()),
        tags: fc.oneof(
          fc.array(fc.constantFrom('态度生硬', '窗口空岗', '')),
          fc.array(fc.string(), { maxLength: 30 }),
          fc.array(codeUnits(8), { maxLength: 3 }),
          fc.string(),
        ),
        text: fc.oneof(
          fc.string({ maxLength: 50 }),
          codeUnits(20),
          fc.constant(''),
          fc.string({ minLength: 1990, maxLength: 2100 }),
        ),
        realName: fc.oneof(fc.boolean(), fc.string()),
        rater: fc.oneof(
          fc.record(
            { name: fc.string({ maxLength: 70 }), phone: fc.oneof(fc.constant('13812345678'), fc.string()) },
            { requiredKeys: [] },
          ),
          fc.string(),
          fc.constant(null),
        ),
        dimensions: fc.record(
          { attitude: fc.oneof(fc.constantFrom(...EVALUATION_LEVELS), fc.string()) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    // Well-formed ratings of the registered 办件 too, so acceptance and refusal both happen.
    const valid = fc.constantFrom(...recordIds).chain((id) =>
      fc.record({
        serviceRecordId: fc.constant(id),
        ratingCode: fc.constant(codeOf(id)),
        channel: fc.constant('qr-code'),
        level: fc.constantFrom(...EVALUATION_LEVELS),
        tags: fc.constant(['态度生硬']),
        text: fc.oneof(fc.constant(''), codeUnits(12)),
      }),
    );
    const body = fc.oneof(valid, plausible, fc.jsonValue());

    let accepted = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(body, async (generated) => {
        // Each from its own address, as raters' phones are: the count of wrong codes per client stays out of it.
        sent += 1;
        const response = await fetch(`${world.api}/api/evaluations`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `10.9.${sent >> 8}.${sent & 255}`,
          },
          body: JSON.stringify(generated),
        });
        assert.ok(response.status < 500, `5xx for ${JSON.stringify(generated).slice(0, 300)}`);
        if (response.status === 201) accepted++;
        else if (response.status === 200) {
          // The same body generated again after it was stored: a resend, answered with its rating.
          const answer = (await response.json()) as { retry?: boolean };
          assert.equal(answer.retry, true, 'a 200 is a resend answered with the rating it stored');
        } else {
          const answer = (await response.json()) as { error?: { id?: string; message?: string } };
          assert.ok(answer.error?.id, 'a refusal carries a stable error id');
          assert.match(answer.error?.message ?? '', /[\u4e00-\u9fff]/, 'and a Chinese message');
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
    const badReviews = await world
      .db('evaluations')
      .whereIn('level', ['dissatisfied', 'very-dissatisfied'])
      .count({ n: '*' });
    const cases = await world.db('cases').count({ n: '*' });
    const starts = await world.db('outbox').count({ n: '*' });
    assert.equal(Number(cases[0]!.n), Number(badReviews[0]!.n), 'one case per 差评, none without');
    assert.equal(Number(starts[0]!.n), Number(cases[0]!.n), 'one start order per case');
    const orphans = await world
      .db('cases as c')
      .leftJoin('evaluations as e', 'e.id', 'c.evaluation_id')
      .whereNull('e.id')
      .count({ n: '*' });
    assert.equal(Number(orphans[0]!.n), 0);
    const ledger = await verifyLedger(world.db);
    assert.equal(ledger.ok, true);
    assert.equal(ledger.rows, Number((await world.db('evaluations').count({ n: '*' }))[0]!.n));
    assert.ok(accepted > 0, 'the generator also produced valid ratings');
  });

  it('given text PostgreSQL cannot keep as sent (a lone surrogate, NUL), when it is posted, then 400 request.invalid naming the field, nothing stored, and the ledger still verifies', async () => {
    const before = Number((await world.db('evaluations').count({ n: '*' }))[0]!.n);
    const rating = { serviceRecordId: recordIds[0], channel: 'qr-code', level: 'dissatisfied' };
    for (const [body, path] of [
      // JSON.stringify writes a lone surrogate as the escape \ud800, as a client's JSON would.
      [{ ...rating, tags: ['态度生硬'], text: '等了很久\ud800' }, 'text'],
      [{ ...rating, tags: ['态度生硬', '\udfff'] }, 'tags.1'],
      [
        {
          ...rating,
          tags: ['态度生硬'],
          realName: true,
          rater: { name: '张\u0000三', phone: '13812345678' },
        },
        'rater.name',
      ],
    ] as const) {
      const response = await postRating(world.api, world.protector, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error.id, 'request.invalid');
      assert.equal(response.body.error.details[0].path, path);
      assert.match(response.body.error.details[0].problem, /无法保存的字符/);
    }
    const inUrl = await fetch(`${world.api}/api/evaluations/%00/answer`);
    assert.equal(inUrl.status, 400);
    assert.equal(((await inUrl.json()) as { error: { id: string } }).error.id, 'request.invalid');
    assert.equal(Number((await world.db('evaluations').count({ n: '*' }))[0]!.n), before);
    assert.equal((await verifyLedger(world.db)).ok, true);
  });
});
