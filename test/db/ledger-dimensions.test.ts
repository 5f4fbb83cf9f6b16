// A rating's four dimensions (art. 7) in its hashed ledger row (migrations/20261202100000): `hcp ledger
// verify` catches a dimension changed, removed or added behind the app's back; ratings stored before keep
// theirs in evaluation_dimensions, which takes no new rows, and `rating_dimensions` reads both; the
// migration is not taken back once a row holds its dimensions.
import assert from 'node:assert/strict';
import { chainHash } from '../../domain/evaluation/ledger.ts';
import { verifyLedger } from '../../infra/ledger/verify.ts';
import {
  down as countedDimensionsDown,
  up as countedDimensionsUp,
} from '../../migrations/20261205100000_counted_rating_dimensions.ts';
import {
  down as dimensionsDown,
  up as dimensionsUp,
} from '../../migrations/20261202100000_dimensions_in_ledger_rows.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase, rolledBack } from '../support/databases.ts';
import { toLedgerRow } from '../support/ledger-rows.ts';
import { asRole, tamperWithLedger, withLedgerAppMember } from '../support/roles.ts';
import type { Db } from '../../infra/db.ts';

describe('dimensions in the ledger row (issue 5, art. 7)', () => {
  let db: Db;
  let rated: string;
  let plain: string;

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_ledger_dims'));
    rated = await openBadReviewCase(db, {
      dimensions: { attitude: 'very-dissatisfied', quality: 'satisfied' },
    });
    plain = await openBadReviewCase(db);
  });

  after(async () => {
    await db.destroy();
  });

  /** What the superuser can do: switch the append-only trigger off for one transaction. */
  const tamper = (change: (trx: Db) => Promise<unknown>) => tamperWithLedger(db, change);

  it('given a rating with dimensions, then its row holds them, its hash covers them, and the ledger verifies', async () => {
    const row = await db('evaluations').where({ id: rated }).first();
    assert.deepEqual(
      [row.attitude, row.quality, row.efficiency, row.environment],
      ['very-dissatisfied', 'satisfied', null, null],
    );
    assert.equal(row.hash, chainHash(row.previous_hash, toLedgerRow(row)));
    assert.notEqual(row.hash, chainHash(row.previous_hash, { ...toLedgerRow(row), dimensions: null }));
    assert.deepEqual(
      await db('rating_dimensions').where({ evaluation_id: rated }).select('attitude', 'quality'),
      [{ attitude: 'very-dissatisfied', quality: 'satisfied' }],
    );
    assert.equal((await db('rating_dimensions').where({ evaluation_id: plain })).length, 0);
    const verified = await verifyLedger(db);
    assert.deepEqual([verified.ok, verified.rows], [true, 2]);
  });

  for (const [what, target, change] of [
    ['a dimension changed', () => rated, { attitude: 'satisfied' }],
    ['its dimensions removed', () => rated, { attitude: null, quality: null }],
    ['a dimension added to a rating that rated none', () => plain, { environment: 'very-satisfied' }],
  ] as const) {
    it(`given ${what} by the superuser, then verify fails at exactly that rating`, async () => {
      const original = await db('evaluations').where({ id: target() }).first();
      await tamper((trx) => trx('evaluations').where({ id: target() }).update(change));
      try {
        const result = await verifyLedger(db);
        assert.equal(result.ok, false);
        assert.equal(result.firstBroken?.id, target());
        assert.equal(result.firstBroken?.problem.kind, 'hash-mismatch');
      } finally {
        const restore = Object.fromEntries(Object.keys(change).map((column) => [column, original[column]]));
        await tamper((trx) => trx('evaluations').where({ id: target() }).update(restore));
      }
      assert.equal((await verifyLedger(db)).ok, true, 'restored');
    });
  }

  it('given evaluation_dimensions, then neither the owner nor a member of hcp_app_writer can add to it, and rating_dimensions still reads the rows stored before', async () => {
    await assert.rejects(
      db('evaluation_dimensions').insert({ evaluation_id: plain, attitude: 'satisfied' }),
      {
        code: '42501',
        message: /评价维度随评价记录入链/,
      },
    );
    await withLedgerAppMember(db, (member) =>
      asRole(db, member, async (trx) => {
        await assert.rejects(
          trx.transaction((savepoint) =>
            savepoint('evaluation_dimensions').insert({ evaluation_id: plain, attitude: 'satisfied' }),
          ),
          /permission denied/,
        );
        assert.equal((await trx('rating_dimensions').where({ evaluation_id: rated })).length, 1);
      }),
    );
    // A rating stored before the migration: its dimensions beside the row, its row hashed without them.
    await rolledBack(db, async (trx) => {
      await trx.raw('alter table evaluation_dimensions disable trigger evaluation_dimensions_closed');
      await trx('evaluation_dimensions').insert({ evaluation_id: plain, environment: 'basically-satisfied' });
      const rows = await trx('rating_dimensions')
        .orderBy('evaluation_id')
        .select('evaluation_id', 'environment');
      assert.deepEqual(
        rows,
        [
          { evaluation_id: rated, environment: null },
          { evaluation_id: plain, environment: 'basically-satisfied' },
        ].sort((a, b) => a.evaluation_id.localeCompare(b.evaluation_id)),
      );
    });
  });

  it('given a rating holding its dimensions, then the migration refuses to be taken back; with none, down and up run', async () => {
    await rolledBack(db, async (trx) => {
      await assert.rejects(dimensionsDown(trx), /cannot roll back: 1 ratings hold their dimensions/);
      assert.ok(await trx.schema.hasColumn('evaluations', 'attitude'), 'nothing was dropped');
    });
    await rolledBack(db, async (trx) => {
      await trx.raw('alter table evaluations disable trigger evaluations_append_only');
      await trx('evaluations').where({ id: rated }).update({ attitude: null, quality: null });
      // Newest first, as migrations are taken back: the view of counted dimensions reads rating_dimensions.
      await countedDimensionsDown(trx);
      await dimensionsDown(trx);
      assert.equal(await trx.schema.hasColumn('evaluations', 'attitude'), false);
      await trx('evaluation_dimensions').insert({ evaluation_id: plain, attitude: 'satisfied' });
      await dimensionsUp(trx);
      await countedDimensionsUp(trx);
      assert.equal(await trx.schema.hasColumn('evaluations', 'attitude'), true);
      assert.deepEqual(
        (await trx('counted_rating_dimensions').where({ id: plain })).map((row) => row.attitude),
        ['satisfied'],
      );
    });
  });
});
