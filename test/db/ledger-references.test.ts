// The ledger's references, checked once per statement (migrations/20261201100000): a rating of a 办件 that
// does not exist, or dimensions and identifiers of a rating that does not exist, are refused as the foreign
// keys refused them (SQLSTATE 23503, the same constraint names), the whole statement with them; and a 办件
// can no longer be deleted, truncated or renumbered, so no rating loses it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { GENESIS_HASH } from '../../domain/evaluation/ledger.ts';
import {
  down as referencesDown,
  up as referencesUp,
} from '../../migrations/20261201100000_ledger_statement_reference_checks.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase, rolledBack } from '../support/databases.ts';
import { asRole, withLedgerAppMember } from '../support/roles.ts';
import type { Db } from '../../infra/db.ts';

/** Columns of a ledger row as a raw insert gives them (no chain: these statements are meant to fail). */
function ratingRow(serviceRecordId: string) {
  return {
    id: randomUUID(),
    service_record_id: serviceRecordId,
    target: 'service',
    channel: 'window-device',
    level: 'satisfied',
    tags: '{}',
    real_name: false,
    rated_at: new Date(),
    previous_hash: GENESIS_HASH,
    hash: GENESIS_HASH,
  };
}

async function refusal(statement: Promise<unknown>): Promise<{ code: string; constraint: string }> {
  try {
    await statement;
  } catch (error: unknown) {
    const { code, constraint } = error as { code: string; constraint: string };
    return { code, constraint };
  }
  throw new Error('the statement was not refused');
}

/** A rating of a 办件 that does not exist, inserted in a savepoint of `trx`: how it was refused. */
function orphanRefusal(trx: Db) {
  return refusal(trx.transaction((savepoint) => savepoint('evaluations').insert(ratingRow('SR-NO-SUCH'))));
}

describe('ledger references checked per statement (issue 5)', () => {
  let db: Db;
  let ratedRecordId: string;
  let ratingId: string;
  const unratedRecordId = 'SR-REF-UNRATED';

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_ledger_refs'));
    ratingId = await openBadReviewCase(db);
    await db('service_records').insert({ ...(await db('service_records').first()), id: unratedRecordId });
    ({ service_record_id: ratedRecordId } = await db('evaluations').where({ id: ratingId }).first());
  });

  after(async () => {
    await db.destroy();
  });

  const count = async (table: string) => Number((await db(table).count({ n: '*' }).first())!.n);

  it('given a statement of two ratings, one of a 办件 that does not exist, then the statement is refused as the foreign key did and neither is stored', async () => {
    const before = await count('evaluations');
    const refused = await refusal(
      db('evaluations').insert([ratingRow(unratedRecordId), ratingRow('SR-NO-SUCH')]),
    );
    assert.deepEqual(refused, { code: '23503', constraint: 'evaluations_service_record_id_foreign' });
    assert.equal(await count('evaluations'), before);
  });

  it('given dimensions or identifiers of a rating that does not exist, then they are refused with their constraint names', async () => {
    const missing = randomUUID();
    const rolledBack = new Error('rolled back on purpose');
    const inTransaction = db.transaction(async (trx) => {
      // evaluation_dimensions is closed to new rows (migrations/20261202100000); its check still guards
      // the table as it was before, for the ratings it holds.
      await trx.raw('alter table evaluation_dimensions disable trigger evaluation_dimensions_closed');
      const insert = (rows: object[]) =>
        refusal(trx.transaction((savepoint) => savepoint('evaluation_dimensions').insert(rows)));
      assert.deepEqual(
        await insert([
          { evaluation_id: ratingId, attitude: 'satisfied' },
          { evaluation_id: missing, attitude: 'satisfied' },
        ]),
        { code: '23503', constraint: 'evaluation_dimensions_evaluation_id_foreign' },
      );
      assert.equal(Number((await trx('evaluation_dimensions').count({ n: '*' }).first())!.n), 0);
      // Of a rating that exists they are stored (and rolled back with the rest).
      await trx('evaluation_dimensions').insert({ evaluation_id: ratingId, attitude: 'dissatisfied' });
      throw rolledBack;
    });
    await assert.rejects(inTransaction, (error) => error === rolledBack);
    assert.deepEqual(
      await refusal(db('evaluation_identifiers').insert({ evaluation_id: missing, ip: '10.0.0.1' })),
      { code: '23503', constraint: 'evaluation_identifiers_evaluation_id_foreign' },
    );
    assert.equal(await count('evaluation_dimensions'), 0);
    assert.equal(await count('evaluation_identifiers'), 0);
    await db('evaluation_identifiers').insert({ evaluation_id: ratingId, ip: '10.0.0.1' });
    assert.equal(await count('evaluation_identifiers'), 1);
  });

  it('given a 办件, then it cannot be deleted, truncated or renumbered, but it can still be completed', async () => {
    for (const statement of [
      db('service_records').where({ id: ratedRecordId }).del(),
      db.raw('truncate service_records cascade'),
      db('service_records').where({ id: ratedRecordId }).update({ id: 'SR-RENUMBERED' }),
    ]) {
      await assert.rejects(statement, (error: { code?: string; message: string }) => {
        assert.equal(error.code, '23001');
        assert.match(error.message, /never deleted or renumbered/);
        return true;
      });
    }
    const completedAt = new Date('2026-11-20T10:00:00+08:00');
    await db('service_records').where({ id: ratedRecordId }).update({ completed_at: completedAt });
    const record = await db('service_records').where({ id: ratedRecordId }).first();
    assert.equal(record.completed_at.getTime(), completedAt.getTime());
    assert.equal(await count('evaluations'), 1);
  });

  it('given a rated 办件, then what its ratings are counted by (unit, item, institution, platform, channel, batch, theme) is fixed; its times, and an unrated 办件, can still change', async () => {
    const before = await db('service_records').where({ id: ratedRecordId }).first();
    const changes: Record<string, unknown>[] = [
      { handling_department_id: 'bl-approval' },
      { item_code: 'XA-RS-0001' },
      { institution_id: before.institution_id === 'xa-hall-w02' ? 'xa-hall-w01' : 'xa-hall-w02' },
      { platform_id: 'xa-online-hall' },
      { channel: 'online' },
      { batch_id: 'BATCH-MOVED' },
      { theme_id: 'THEME-MOVED' },
    ];
    for (const change of changes) {
      await assert.rejects(
        db('service_records').where({ id: ratedRecordId }).update(change),
        (error: { code?: string; message: string }) =>
          error.code === '23001' && /已有评价/.test(error.message),
        JSON.stringify(change),
      );
    }
    assert.deepEqual(await db('service_records').where({ id: ratedRecordId }).first(), before);
    // The same values again are no change.
    await db('service_records')
      .where({ id: ratedRecordId })
      .update({ handling_department_id: before.handling_department_id });
    await db('service_records').where({ id: ratedRecordId }).update({ promised_at: before.promised_at });
    await rolledBack(db, async (trx) => {
      await trx('service_records')
        .where({ id: unratedRecordId })
        .update({ handling_department_id: 'bl-approval' });
      await trx('service_records').where({ id: ratedRecordId }).update({ completed_at: new Date() });
    });
  });

  it('given a 办件 rated through its batch, then its batch and unit are fixed too, a rating it never had', async () => {
    const mate = 'SR-REF-BATCH-MATE';
    const base = await db('service_records').where({ id: unratedRecordId }).first();
    await rolledBack(db, async (trx) => {
      // Set up as the superuser: the rated 办件 itself could not join a batch any more (and, once it is in
      // one, no new 办件 could be registered into it).
      await trx('service_records').insert({ ...base, id: mate, batch_id: 'BATCH-REF' });
      await trx.raw('alter table service_records disable trigger service_records_fixed_once_rated');
      await trx('service_records').update({ batch_id: 'BATCH-REF' }).where({ id: ratedRecordId });
      await trx.raw('alter table service_records enable trigger service_records_fixed_once_rated');
      await assert.rejects(
        trx.transaction((savepoint) =>
          savepoint('service_records').where({ id: mate }).update({ handling_department_id: 'bl-approval' }),
        ),
        /已有评价/,
      );
      // An unrated 办件 cannot join the rated batch either: it would take its rating.
      await assert.rejects(
        trx.transaction((savepoint) =>
          savepoint('service_records').where({ id: unratedRecordId }).update({ batch_id: 'BATCH-REF' }),
        ),
        /不可再加入/,
      );
    });
  });

  it('given the migration taken back, then the foreign keys refuse the same rating with the same code and name; up again, the statement checks refuse it and the foreign keys are gone', async () => {
    const foreignKeys = async (trx: Db) =>
      (
        await trx.raw<{ rows: { conname: string }[] }>(
          `select conname from pg_constraint where contype = 'f' and conname like '%\\_foreign'
              and conrelid::regclass::text in ('evaluations', 'evaluation_dimensions', 'evaluation_identifiers')
            order by conname`,
        )
      ).rows.map((row) => row.conname);
    const expected = { code: '23503', constraint: 'evaluations_service_record_id_foreign' };
    await db.transaction(async (trx) => {
      await referencesDown(trx);
      assert.equal((await foreignKeys(trx)).length, 3);
      assert.deepEqual(await orphanRefusal(trx), expected);
      await referencesUp(trx);
      assert.deepEqual(await foreignKeys(trx), []);
      assert.deepEqual(await orphanRefusal(trx), expected);
    });
  });

  it('given a member of hcp_app_writer, who may append ratings but not read 办件, then its orphan rating is refused, also behind a temporary view named like the table, and the check runs nothing of its', async () => {
    await withLedgerAppMember(db, (member) =>
      asRole(db, member, async (trx) => {
        await assert.rejects(
          trx.transaction((savepoint) => savepoint.raw('select 1 from service_records limit 1')),
          /permission denied/,
        );
        const expected = { code: '23503', constraint: 'evaluations_service_record_id_foreign' };
        assert.deepEqual(await orphanRefusal(trx), expected);
        // A temporary view comes first in a search path that does not name pg_temp last, and its function
        // would run as the check's owner.
        await trx.raw(`
          create function pg_temp.owned_by_caller() returns boolean language sql as $$ select true $$;
          create temporary view service_records as
            select 'SR-NO-SUCH'::varchar(64) as id where pg_temp.owned_by_caller();
        `);
        assert.deepEqual(await orphanRefusal(trx), expected);
        // Of a 办件 that exists, its rating is appended (and rolled back with the rest).
        await trx.transaction((savepoint) => savepoint('evaluations').insert(ratingRow(unratedRecordId)));
      }),
    );
  });
});
