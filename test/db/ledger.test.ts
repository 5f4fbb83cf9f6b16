// The tamper-evident ratings ledger (issue 5): `hcp ledger verify` finds a row changed or removed behind
// the app's back (as the superuser, with the append-only trigger switched off), and the app's role
// cannot change or remove ratings at all.
import assert from 'node:assert/strict';
import { toLedgerRow } from '../support/ledger-rows.ts';
import { randomUUID } from 'node:crypto';
import { runLedgerCommand } from '../../cli/ledger.ts';
import { chainHash } from '../../domain/evaluation/ledger.ts';
import { inLedgerSnapshot, LEDGER_COPY_SQL, verifyLedger } from '../../infra/ledger/verify.ts';
import { copyOut } from '../../infra/ledger/copy-out.ts';
import { recordNotAdopted } from '../../infra/stores/decision-store.ts';
import { down as appRoleDown, up as appRoleUp } from '../../migrations/20261126211000_app_role.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase } from '../support/databases.ts';
import { createDb } from '../../infra/db.ts';
import { asRole, tamperWithLedger, withLedgerAppMember } from '../support/roles.ts';
import type { Db } from '../../infra/db.ts';

const RATINGS = 6;

describe('ratings ledger verify and the app role (issue 5)', () => {
  let db: Db;
  let url: string;
  let ledger: { id: string; sequence: string; level: string; service_record_id: string }[];

  before(async () => {
    ({ db, url } = await freshAppDatabase('hcp_test_db_ledger'));
    for (let index = 0; index < RATINGS; index += 1) {
      await openBadReviewCase(db, { text: `第 ${index + 1} 条` });
      // A rating refused inside its transaction still uses up a sequence number: not a broken link.
      if (index === 2) await db.raw(`select nextval('evaluations_sequence_seq')`);
    }
    ledger = await db('evaluations')
      .orderBy('sequence')
      .select('id', 'sequence', 'level', 'service_record_id');
  });

  after(async () => {
    await db.destroy();
  });

  /** What the superuser can do: switch the append-only trigger off for one transaction. */
  const tamper = (change: (trx: Db) => Promise<unknown>) => tamperWithLedger(db, change);

  async function cli(args: string[]) {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await runLedgerCommand(
      args,
      { log: (line) => lines.push(line), error: (line) => errors.push(line) },
      { environment: { DATABASE_URL: url } },
    );
    return { code, lines, errors, last: lines[lines.length - 1] };
  }

  it('given ratings taken by the app, when the ledger is verified, then every link holds', async () => {
    const result = await verifyLedger(db, { pageSize: 4 });
    assert.equal(result.ok, true);
    assert.equal(result.rows, RATINGS);
    assert.equal(result.head?.sequence, BigInt(ledger[RATINGS - 1]!.sequence));
    assert.ok(Number(ledger[3]!.sequence) - Number(ledger[2]!.sequence) === 2, 'there is a gap in sequence');
  });

  it('given an intact ledger, when `hcp ledger verify` runs, then it reports in Chinese, ends `ok <rows>`, exits 0', async () => {
    const { code, lines, last } = await cli(['verify']);
    assert.equal(code, 0);
    assert.equal(last, `ok ${RATINGS}`);
    assert.match(lines[0]!, /已核验评价记录 6 条/);
  });

  for (const [what, change] of [
    ['level', { level: 'very-satisfied' }],
    ['text', { text: '服务很好' }],
  ] as const) {
    it(`given one rating's ${what} changed by the superuser, then verify fails at exactly that row`, async () => {
      const target = ledger[3]!;
      const original = await db('evaluations').where({ id: target.id }).first();
      await tamper((trx) => trx('evaluations').where({ id: target.id }).update(change));
      try {
        const result = await verifyLedger(db, { pageSize: 2 });
        assert.equal(result.ok, false);
        assert.equal(result.firstBroken?.sequence, BigInt(target.sequence));
        assert.equal(result.firstBroken?.id, target.id);
        assert.equal(result.firstBroken?.problem.kind, 'hash-mismatch');
        assert.equal(result.rows, 4);

        const { code, last, lines } = await cli(['verify']);
        assert.equal(code, 1);
        assert.match(
          last!,
          new RegExp(`^broken at sequence ${target.sequence} \\(${target.id}\\): hash mismatch`),
        );
        assert.ok(lines.some((line) => line.includes('该条记录被修改过')));
      } finally {
        await tamper((trx) =>
          trx('evaluations')
            .where({ id: target.id })
            .update({ [what]: original[what] }),
        );
      }
      assert.equal((await verifyLedger(db)).ok, true, 'restored');
    });
  }

  it("given one rating's time moved by the superuser below the millisecond (900 µs), then verify fails at exactly that row", async () => {
    const target = ledger[2]!;
    const original = await db('evaluations').where({ id: target.id }).first();
    await tamper((trx) =>
      trx('evaluations')
        .where({ id: target.id })
        .update({ rated_at: trx.raw("rated_at + interval '900 microseconds'") }),
    );
    try {
      const result = await verifyLedger(db, { pageSize: 2 });
      assert.equal(result.firstBroken?.sequence, BigInt(target.sequence));
      assert.equal(result.firstBroken?.problem.kind, 'hash-mismatch');
    } finally {
      await tamper((trx) =>
        trx('evaluations').where({ id: target.id }).update({ rated_at: original.rated_at }),
      );
    }
    assert.equal((await verifyLedger(db)).ok, true, 'restored');
  });

  it('given a rating deleted from the middle, then the next row is reported as a broken link after a gap', async () => {
    const removed = ledger[1]!;
    const original = await db('evaluations').where({ id: removed.id }).first();
    // Its case still points at it: the superuser switches off every trigger, foreign keys included.
    await db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      await trx('evaluations').where({ id: removed.id }).delete();
    });
    try {
      const result = await verifyLedger(db);
      assert.equal(result.firstBroken?.sequence, BigInt(ledger[2]!.sequence));
      assert.equal(result.firstBroken?.problem.kind, 'gap');
      const { code, last } = await cli(['verify']);
      assert.equal(code, 1);
      assert.match(last!, new RegExp(`rows missing after sequence ${ledger[0]!.sequence}`));
    } finally {
      await db('evaluations').insert(original);
    }
    assert.equal((await verifyLedger(db)).ok, true, 'restored');
  });

  it('given the newest ratings deleted by the superuser, then the chain alone still verifies, but not through the head recorded from the run before', async () => {
    const intact = await cli(['verify']);
    const recorded = /--head (\S+)/.exec(intact.lines.join('\n'))?.[1];
    const newest = ledger[RATINGS - 1]!;
    assert.equal(recorded?.split(':')[0], newest.sequence, 'verify prints the head to record');
    const passing = await cli(['verify', '--head', recorded!]);
    assert.equal(passing.code, 0);
    assert.ok(passing.lines.some((line) => line.includes('经过记录的链头')));

    const original = await db('evaluations').where({ id: newest.id }).first();
    await db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      await trx('evaluations').where({ id: newest.id }).delete();
    });
    try {
      assert.equal((await cli(['verify'])).code, 0, 'a shorter chain links as well');
      const { code, last, lines } = await cli(['verify', '--head', recorded!]);
      assert.equal(code, 1);
      assert.equal(last, `broken at recorded head ${newest.sequence}: recorded head missing`);
      assert.ok(lines.some((line) => line.includes('该序号及其后的记录被删除')));
      const rewritten = `${newest.sequence}:${'0'.repeat(64)}`;
      await db('evaluations').insert(original);
      const different = await cli(['verify', '--head', rewritten]);
      assert.equal(different.last, `broken at recorded head ${newest.sequence}: recorded head hash differs`);
    } finally {
      if (!(await db('evaluations').where({ id: newest.id }).first()))
        await db('evaluations').insert(original);
    }
    assert.equal((await verifyLedger(db)).ok, true, 'restored');
  });

  it("given decisions about ratings (not adopted after appeal), when one is deleted by the superuser, then the chain still verifies but the decisions' mark from the run before does not", async () => {
    const decidedAt = new Date(Date.now() - 3_600_000);
    for (const rated of [ledger[0]!, ledger[1]!]) {
      await recordNotAdopted(db, {
        caseId: rated.id,
        reason: 'malicious',
        basis: '复核认定为恶意差评，"引号"\\反斜杠',
        decidedBy: 'xa-approval',
        decidedAt,
      });
    }
    const fresh = await cli(['verify']);
    assert.ok(
      !fresh.lines.some((line) => line.includes('--decisions')),
      'decisions recorded in the last ten minutes wait for the next mark',
    );
    // An hour goes by (recorded_at is the database's clock, moved back here as the superuser may).
    await db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      await trx.raw(`update evaluation_decisions set recorded_at = now() - interval '1 hour'`);
    });
    const intact = await cli(['verify']);
    const mark = /--decisions (\S+)/.exec(intact.lines.join('\n'))?.[1];
    assert.match(mark ?? '', /^[0-9]+:2:[0-9a-f]{64}$/, 'verify prints the mark to keep');
    const passing = await cli(['verify', '--decisions', mark!]);
    assert.equal(passing.code, 0, passing.lines.join('\n'));
    // The same digest whatever the session's DateStyle (a superuser's settings, PGOPTIONS).
    await db.raw('alter database ' + db.client.database() + " set datestyle to 'SQL, DMY'");
    try {
      assert.equal((await cli(['verify', '--decisions', mark!])).code, 0, 'under DateStyle SQL, DMY');
    } finally {
      await db.raw('alter database ' + db.client.database() + ' reset datestyle');
    }
    assert.ok(passing.lines.some((line) => line.includes('与记录的摘要一致')));

    const removed = await db('evaluation_decisions').where({ case_id: ledger[0]!.id }).first();
    await db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      await trx('evaluation_decisions').where({ id: removed.id }).delete();
    });
    try {
      assert.equal((await cli(['verify'])).code, 0, 'the ratings themselves are intact');
      const { code, last, lines } = await cli(['verify', '--decisions', mark!]);
      assert.equal(code, 1);
      assert.equal(last, `broken at recorded decisions ${mark!.split(':')[0]}: decisions changed`);
      assert.ok(lines.some((line) => line.includes('有决定被删除、修改或补入')));
    } finally {
      await db('evaluation_decisions').insert(removed);
    }
    assert.equal((await cli(['verify', '--decisions', mark!])).code, 0, 'restored');
  });

  it('given a row the verifier cannot read, then verify fails with the reason and ends its transaction, not the process', async () => {
    await assert.rejects(
      inLedgerSnapshot(db, (reader) =>
        copyOut(reader, LEDGER_COPY_SQL, () => {
          throw new Error('unreadable row');
        }),
      ),
      /unreadable row/,
    );
    assert.equal((await verifyLedger(db)).ok, true, 'the database is free for the next run');
  });

  it('given wrong arguments, when `hcp ledger` runs, then it shows the usage and exits 2', async () => {
    for (const args of [
      [],
      ['check'],
      ['verify', '--all'],
      ['verify', '--head'],
      ['verify', '--head', '12:not-a-hash'],
      ['verify', '--head', `1:${'a'.repeat(64)}`, '--head', `2:${'a'.repeat(64)}`],
      ['verify', '--decisions', '12:3'],
      ['verify', '--decisions', `9999999999999999999:0:${'a'.repeat(64)}`],
      ['verify', '--head', `9999999999999999999:${'a'.repeat(64)}`],
    ]) {
      const { code, errors } = await cli(args);
      assert.equal(code, 2, args.join(' '));
      assert.ok(errors.some((line) => line.includes('hcp ledger verify')));
    }
  });

  it('given a member of hcp_app_writer, then it can read and append ratings but not update, delete or truncate them', async () => {
    await withLedgerAppMember(db, async (member) => {
      const target = ledger[0]!.id;
      const refusals: [string, string, RegExp][] = [
        ['update', `update evaluations set level = 'satisfied' where id = '${target}'`, /permission denied/],
        ['delete', `delete from evaluations where id = '${target}'`, /permission denied/],
        ['truncate', 'truncate evaluations cascade', /permission denied/],
        ['update decisions', `update evaluation_decisions set basis = ''`, /permission denied/],
        ['delete decisions', 'delete from evaluation_decisions', /permission denied/],
        ['truncate decisions', 'truncate evaluation_decisions', /permission denied/],
      ];
      for (const [what, sql, refused] of refusals) {
        await assert.rejects(
          asRole(db, member, (trx) => trx.raw(sql)),
          refused,
          what,
        );
      }
      const seen = await asRole(db, member, async (trx) => {
        const last = await trx('evaluations').orderBy('sequence', 'desc').first();
        await trx.raw('reset role'); // 办件 are the superuser's business here
        await trx('service_records').insert({ ...(await trx('service_records').first()), id: 'SR-ROLE' });
        await trx.raw(`set local role ${member}`);
        const row = { ...toLedgerRow(last), id: randomUUID(), serviceRecordId: 'SR-ROLE' };
        await trx('evaluations').insert({
          ...last,
          id: row.id,
          sequence: undefined,
          service_record_id: row.serviceRecordId,
          previous_hash: last.hash,
          hash: chainHash(last.hash, row),
        });
        return (await trx('evaluations').count({ n: '*' }))[0]!.n;
      });
      assert.equal(Number(seen), RATINGS + 1, 'appended (then rolled back)');
      assert.equal((await verifyLedger(db)).ok, true, 'nothing changed');
    });
  });

  it("given a member of hcp_app_writer, then it can read and append a theme's overall mark but not change, delete or truncate it", async () => {
    await withLedgerAppMember(db, async (member) => {
      const marked = await asRole(db, member, async (trx) => {
        await trx('theme_overall_ratings').insert({ theme_id: 'TH-ROLE', evaluation_id: ledger[0]!.id });
        return trx('theme_overall_ratings').where({ theme_id: 'TH-ROLE' }).first();
      });
      assert.equal(marked.evaluation_id, ledger[0]!.id, 'appended (then rolled back)');
      for (const sql of [
        "update theme_overall_ratings set theme_id = 'TH-OTHER'",
        'delete from theme_overall_ratings',
        'truncate theme_overall_ratings',
      ]) {
        await assert.rejects(
          asRole(db, member, (trx) => trx.raw(sql)),
          /permission denied/,
          sql,
        );
      }
    });
  });

  it('given the superuser, when it truncates the ledger or another record of evidence (未评, the imports, the tags’ history, evidence files, holiday notices, case timelines, answers to raters), then the truncate trigger refuses it', async () => {
    for (const table of [
      'evaluations',
      'evaluation_decisions',
      'theme_overall_ratings',
      'unrated_service_records',
      'rating_imports',
      'rating_import_results',
      'imported_ratings',
      'preset_tag_versions',
      'attachments',
      'calendar_notices',
      'case_events',
      'rater_answers',
    ]) {
      // Its own trigger (a truncate that cascades may be refused by another table's).
      const own = await db.raw<{ rows: unknown[] }>(
        `select 1 from pg_trigger where tgrelid = ?::regclass and tgtype & 32 <> 0 and not tgisinternal`,
        [table],
      );
      assert.equal(own.rows.length, 1, `${table} has a TRUNCATE trigger`);
      await assert.rejects(
        db.transaction((trx) => trx.raw(`truncate ${table} cascade`)),
        /append-only/,
        table,
      );
    }
  });

  it('given a 未评 recorded (art. 10), then the app role may append one but nobody may change or delete it', async () => {
    const recorded = { window_closed_at: new Date('2026-11-20T15:59:59Z'), recorded_at: new Date() };
    await db('unrated_service_records').insert({
      service_record_id: ledger[0]!.service_record_id,
      ...recorded,
    });
    for (const sql of [
      `update unrated_service_records set recorded_at = now()`,
      `delete from unrated_service_records`,
    ]) {
      await assert.rejects(
        db.transaction((trx) => trx.raw(sql)),
        /append-only/,
        sql,
      );
    }
    await withLedgerAppMember(db, async (member) => {
      const appended = await asRole(db, member, async (trx) => {
        await trx.raw('reset role'); // 办件 are the superuser's business here
        await trx('service_records').insert({ ...(await trx('service_records').first()), id: 'SR-UNRATED' });
        await trx.raw(`set local role ${member}`);
        await trx('unrated_service_records').insert({ service_record_id: 'SR-UNRATED', ...recorded });
        return trx('unrated_service_records').where({ service_record_id: 'SR-UNRATED' }).first();
      });
      assert.ok(appended, 'appended (then rolled back)');
    });
  });

  describe('the records the case figures are published from (art. 23: 差评回复率, 回访整改率, 回访整改满意率)', () => {
    const caseId = () => ledger[0]!.id; // a 差评's case has its rating's id
    const event = (key: string) => ({
      case_id: caseId(),
      kind: 'return-visit-result',
      stage: 'return-visit',
      detail: { satisfied: false },
      idempotency_key: `append-only-test:${key}`,
      occurred_at: new Date(),
    });
    const answer = (round: number) => ({
      case_id: caseId(),
      round,
      channel: 'sms',
      message: '已整改',
      kind: 'rectification',
      task_id: `append-only-test-${round}`,
      answered_at: new Date(),
    });

    it('given a case event and an answer to the rater, then nobody may change or delete them', async () => {
      for (const [table, row, change] of [
        ['case_events', event('owner'), "update case_events set stage = 'closure'"],
        ['case_events', event('owner'), 'delete from case_events'],
        ['rater_answers', answer(90), "update rater_answers set message = '已办结'"],
        ['rater_answers', answer(90), 'delete from rater_answers'],
      ] as const) {
        // Appended and refused in one transaction: nothing is left behind.
        await assert.rejects(
          db.transaction(async (trx) => {
            await trx(table).insert(row);
            await trx.raw(change);
          }),
          new RegExp(`${table} is append-only`),
          change,
        );
      }
    });

    it('given a member of hcp_app_writer, then it can read and append case events and answers but not update, delete or truncate them', async () => {
      await withLedgerAppMember(db, async (member) => {
        const appended = await asRole(db, member, async (trx) => {
          await trx('case_events').insert(event('member'));
          await trx('rater_answers').insert(answer(91));
          return {
            events: await trx('case_events').where({ idempotency_key: 'append-only-test:member' }),
            answers: await trx('rater_answers').where({ case_id: caseId(), round: 91 }),
          };
        });
        assert.equal(appended.events.length, 1, 'event appended (then rolled back)');
        assert.equal(appended.answers.length, 1, 'answer appended (then rolled back)');
        for (const sql of [
          "update case_events set kind = 'case-closed'",
          'delete from case_events',
          'truncate case_events',
          "update rater_answers set message = ''",
          'delete from rater_answers',
          'truncate rater_answers',
        ]) {
          await assert.rejects(
            asRole(db, member, (trx) => trx.raw(sql)),
            /permission denied/,
            sql,
          );
        }
      });
    });
  });

  it('given a login role in hcp_app_writer, when it appends a preset tag version and a holiday notice, then their serial ids are drawn (PUT /api/evaluation-tags failed: permission denied for sequence)', async () => {
    const login = `hcp_app_login_${randomUUID().slice(0, 8)}`;
    const password = randomUUID();
    await db.raw(`create role ${login} login password '${password}' in role hcp_app_writer`);
    const asLogin = new URL(url);
    asLogin.username = login;
    asLogin.password = password;
    const app = createDb(asLogin.toString(), 1);
    try {
      const { id: userId } = await db('users').first<{ id: string }>('id');
      const trx = await app.transaction();
      try {
        const [tag] = await trx('preset_tag_versions')
          .insert({
            code: 'append-only-test',
            label: '测试标签',
            dimension: 'attitude',
            polarity: 'good',
            active: true,
            changed_by: userId,
            changed_at: new Date(),
          })
          .returning('id');
        const [notice] = await trx('calendar_notices')
          .insert({
            kind: 'region',
            region: 'xian',
            content: {},
            content_sha256: '0'.repeat(64),
            loaded_by: login,
          })
          .returning('id');
        const [caseEvent] = await trx('case_events')
          .insert({
            case_id: ledger[0]!.id,
            kind: 'return-visit-result',
            idempotency_key: `append-only-test:${login}`,
          })
          .returning('id');
        assert.ok(tag?.id && notice?.id && caseEvent?.id, 'each row got its id');
      } finally {
        await trx.rollback().catch(() => undefined);
      }
    } finally {
      await app.destroy();
      await db.raw(`drop role ${login}`);
    }
  });

  it('given the app role migration, when it is run again or rolled back and re-run, then it stays consistent', async () => {
    await appRoleUp(db);
    await appRoleDown(db);
    await db.transaction((trx) => trx.raw('truncate evaluation_decisions')); // allowed again: trigger gone
    await appRoleUp(db);
    await assert.rejects(
      db.transaction((trx) => trx.raw('truncate evaluation_decisions')),
      /append-only/,
    );
    const grants = await db.raw<{ rows: { privilege_type: string }[] }>(
      `select privilege_type from information_schema.role_table_grants
        where grantee = 'hcp_app_writer' and table_name = 'evaluations' order by privilege_type`,
    );
    assert.deepEqual(
      grants.rows.map((row) => row.privilege_type),
      ['INSERT', 'SELECT'],
    );
  });
});
