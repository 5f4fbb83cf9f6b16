// The fraud checks' one statement per batch (infra/fraud/rating-facts.ts neighbourFactsOfMany) against a real
// PostgreSQL: for generated ratings — phones, devices (a partner's too), IPs, accounts and windows that
// collide, equal and millisecond-apart times, every channel and level — each rating earns the same flags
// from what the statement reads for it as from every rating stored.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { fraudFlagsFor } from '../../domain/fraud/evaluate.ts';
import { DEFAULT_FRAUD_THRESHOLDS as T } from '../../domain/fraud/thresholds.ts';
import { EVALUATION_CHANNELS } from '../../domain/evaluation/channels.ts';
import { EVALUATION_LEVELS } from '../../domain/evaluation/levels.ts';
import { factsOfRatings, neighbourFactsOfMany, toFacts } from '../../infra/fraud/rating-facts.ts';
import { freshAppDatabase } from '../support/databases.ts';
import type { Db } from '../../infra/db.ts';

const START = Date.parse('2026-11-26T02:00:00Z');
const MINUTE = 60_000;

const drawn = fc.record({
  minutes: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 9 * 24 * 60 })),
  extraMs: fc.constantFrom(0, 0, 1, 2),
  level: fc.constantFrom(...EVALUATION_LEVELS),
  channel: fc.constantFrom(...EVALUATION_CHANNELS),
  unit: fc.constantFrom('xa-market', 'xa-hrss', 'yt-hrss'),
  window: fc.option(fc.constantFrom('xa-hall-w01', 'xa-hall-w02'), { nil: null }),
  phone: fc.option(fc.constantFrom('p1', 'p2'), { nil: null }),
  device: fc.option(fc.constantFrom('d1', 'partner:xa-online-hall-partner'), { nil: null }),
  ip: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2'), { nil: null }),
  account: fc.option(fc.constantFrom('a1', 'a2'), { nil: null }),
});

type Drawn = typeof drawn extends fc.Arbitrary<infer R> ? R : never;

describe('fraud checks read a batch’s neighbours in one statement (issue 5, art. 23)', function () {
  this.timeout(60_000);
  let db: Db;

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_fraud_neighbours'));
  });

  after(() => db.destroy());

  /** Stores the ratings (each of its own 办件, in its own month so rounds never meet); their ids. */
  async function store(round: number, ratings: Drawn[]) {
    const base = START + round * 40 * 24 * 60 * MINUTE;
    const rows = ratings.map((rating, n) => ({ rating, id: randomUUID(), record: `SR-N-${round}-${n}` }));
    await db('service_records').insert(
      rows.map(({ rating, record }) => ({
        id: record,
        item_code: 'XA-SC-0001',
        handling_department_id: rating.unit,
        institution_id: rating.window,
        channel: 'window',
        accepted_at: new Date(base),
      })),
    );
    await db('evaluations').insert(
      rows.map(({ rating, id, record }, n) => ({
        id,
        service_record_id: record,
        target: 'service',
        channel: rating.channel,
        level: rating.level,
        tags: [],
        text: '',
        real_name: false,
        rated_at: new Date(base + rating.minutes * MINUTE + rating.extraMs),
        // Not a chain: this test reads facts, never verifies the ledger.
        previous_hash: '0'.repeat(64),
        hash: `${round}-${n}`.padEnd(64, '0'),
      })),
    );
    await db('evaluation_identifiers').insert(
      rows.map(({ rating, id }) => ({
        evaluation_id: id,
        phone_hash: rating.phone,
        device_id: rating.device,
        ip: rating.ip,
        account: rating.account,
      })),
    );
    return rows.map((row) => row.id);
  }

  it('given generated ratings, then each earns the same flags from the statement’s neighbours as from every stored rating', async () => {
    const rounds = fc.sample(fc.array(drawn, { minLength: 5, maxLength: 60 }), {
      numRuns: 12,
      seed: 20261127,
    });
    let flagged = 0;
    for (const [round, ratings] of rounds.entries()) {
      const ids = await store(round, ratings);
      const subjects = (await factsOfRatings(db, ids)).map(toFacts);
      const everything = (await factsOfRatings(db, await db('evaluations').pluck('id'))).map(toFacts);
      const neighbours = await neighbourFactsOfMany(db, subjects, T);
      for (const [place, subject] of subjects.entries()) {
        const fromStatement = fraudFlagsFor(subject, {
          recent: neighbours[place]!,
          staffPhones: new Map(),
          thresholds: T,
        });
        const fromAll = fraudFlagsFor(subject, { recent: everything, staffPhones: new Map(), thresholds: T });
        assert.deepEqual(fromStatement, fromAll, `round ${round}, rating ${subject.id}`);
        flagged += fromAll.length;
      }
    }
    assert.ok(flagged > 20, `the generated ratings raise flags to compare (${flagged})`);
  });
});
