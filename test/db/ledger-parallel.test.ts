// `hcp ledger verify` on a large ledger hashes in worker threads (issue 5): the same verdict as the
// one-thread path, to the row, with the COPY held back and resumed while the workers catch up.
import assert from 'node:assert/strict';
import { freshAppDatabase } from '../support/databases.ts';
import { ledgerRowId, seedChainedLedger } from '../support/ledger-rows.ts';
import { inLedgerSnapshot, LEDGER_COPY_SQL, verifyLedger } from '../../infra/ledger/verify.ts';
import { verifyInParallel } from '../../infra/ledger/parallel-verify.ts';
import type { Db } from '../../infra/db.ts';

const ROWS = 6_000;

describe('ledger verify in worker threads (issue 5)', () => {
  let db: Db;

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_ledger_parallel'));
    await seedChainedLedger(db, ROWS, 2_000);
  });
  after(() => db.destroy());

  /** As the superuser: the append-only trigger off for one transaction. */
  async function tamper(change: (trx: Db) => Promise<unknown>) {
    await db.transaction(async (trx) => {
      await trx.raw('alter table evaluations disable trigger evaluations_append_only');
      await change(trx);
      await trx.raw('alter table evaluations enable trigger evaluations_append_only');
    });
  }

  /** Small chunks and at most two in flight: the COPY is paused and resumed many times. */
  const tightly = () =>
    inLedgerSnapshot(db, (reader) =>
      verifyInParallel(reader, LEDGER_COPY_SQL, 2, { chunkRows: 100, maxChunksInFlight: 2 }),
    );

  it('given an intact ledger, when verified with two workers, then every row holds and the head is the last row', async () => {
    const parallel = await verifyLedger(db, { workers: 2 });
    const single = await verifyLedger(db, { workers: 0 });
    assert.equal(parallel.ok, true);
    assert.equal(parallel.rows, ROWS);
    assert.deepEqual(parallel.head, single.head);
    assert.equal(parallel.head?.sequence, BigInt(ROWS));
    const tight = await tightly();
    assert.equal(tight.firstBroken, undefined);
    assert.equal(tight.rows, ROWS);
  });

  it('given one row changed by the superuser, when verified with workers, then they name the same row and problem as one thread', async () => {
    const target = ledgerRowId(4_321);
    const before = await db('evaluations').where({ id: target }).first('text');
    await tamper((trx) => trx('evaluations').where({ id: target }).update({ text: '篡改后的评价' }));
    try {
      const single = await verifyLedger(db, { workers: 0 });
      const parallel = await verifyLedger(db, { workers: 2 });
      const tight = await tightly();
      assert.equal(single.ok, false);
      assert.equal(single.firstBroken?.id, target);
      assert.equal(single.firstBroken?.problem.kind, 'hash-mismatch');
      assert.deepEqual(parallel.firstBroken, single.firstBroken);
      assert.deepEqual(tight.firstBroken, single.firstBroken);
      assert.equal(parallel.rows, 4_322, 'rows up to and including the broken one');
      assert.deepEqual(parallel.head, single.head);
    } finally {
      await tamper((trx) => trx('evaluations').where({ id: target }).update({ text: before.text }));
    }
    assert.equal((await verifyLedger(db, { workers: 2 })).ok, true, 'restored');
  });
});
