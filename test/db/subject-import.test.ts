// 综合点评 (suggestion box, hotline, e-mail) and 监督查评 (surveys) imported from Excel (issue 5, art. 14–15):
// ratings of an institution, item or platform without a 办件, in the sibling ledger subject_evaluations
// with its own hash chain, counted for statistics under their kind. A bad row gets its error and stores
// nothing; a file imported again stores nothing twice; a tampered row breaks `hcp ledger verify`.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImportCommand } from '../../cli/import.ts';
import { runLedgerCommand } from '../../cli/ledger.ts';
import { SUBJECT_HEADER } from '../../domain/imports/subject-sheet.ts';
import { createSubjectImport } from '../../infra/imports/subject-import.ts';
import { verifySubjectLedger } from '../../infra/ledger/subject-verify.ts';
import { createProtector } from '../../infra/protector.ts';
import { loadCaseFacts } from '../../infra/stores/case-store.ts';
import { recordNotAdopted } from '../../infra/stores/decision-store.ts';
import { addBracketedTag } from '../support/preset-tags.ts';
import { routeBadReview } from '../../domain/case/routing.ts';
import { freshAppDatabase } from '../support/databases.ts';
import { templateFilledWithExamples, workbookOf, type CellInput } from '../support/workbooks.ts';
import type { SubjectKind } from '../../domain/evaluation/subject-ledger.ts';
import type { Db } from '../../infra/db.ts';

const NOW = new Date('2026-11-26T10:00:00+08:00');

describe('综合点评 and 监督查评 imported into the sibling ledger (issue 5)', () => {
  let db: Db;
  let url: string;
  const protector = createProtector('e'.repeat(64));

  before(async () => {
    ({ db, url } = await freshAppDatabase('hcp_test_db_subject_imports'));
  });

  after(() => db.destroy());

  const run = async (
    kind: SubjectKind,
    rows: Record<string, CellInput>[],
    options: { archive?: boolean } = {},
  ) =>
    createSubjectImport({ db, protector, clock: () => NOW, newId: randomUUID }).run(kind, {
      file: await workbookOf(SUBJECT_HEADER, rows),
      fileName: 'ratings.xlsx',
      importedBy: '监督科 赵六',
      ...options,
    });

  const count = async (table: string) => Number((await db(table).count({ n: '*' }))[0]!.n);

  const comment = (extra: Record<string, CellInput> = {}) => ({
    来源编号: `YJX-${randomUUID().slice(0, 8)}`,
    渠道: '意见箱',
    评价对象类型: '服务机构',
    评价对象编号: 'xa-hall-w01',
    评价等级: '满意',
    ...extra,
  });

  it('given public comments on a window, an item and a platform, when imported, then each is in subject_evaluations with its subject and channel, contact encrypted, counted as 综合点评, and the chain verifies', async () => {
    const report = await run('public-comment', [
      comment({ 评价日期: '2026-11-20' }),
      comment({
        渠道: '热线',
        评价对象类型: '政务服务事项',
        评价对象编号: 'XA-SC-0001',
        评价等级: '不满意',
        标签: '推诿扯皮',
      }),
      comment({
        渠道: '电子邮件',
        评价对象类型: '政务服务平台',
        评价对象编号: 'xa-online-hall',
        实名: '是',
        评价人: '周七',
        联系电话: '13900001111',
      }),
    ]);
    assert.deepEqual([report.stored, report.refused], [3, []]);
    const rows = await db('subject_evaluations').orderBy('sequence');
    assert.deepEqual(
      rows.map((row) => [row.kind, row.channel, row.institution_id, row.item_code, row.platform_id]),
      [
        ['public-comment', 'suggestion-box', 'xa-hall-w01', null, null],
        ['public-comment', 'hotline', null, 'XA-SC-0001', null],
        ['public-comment', 'email', null, null, 'xa-online-hall'],
      ],
    );
    assert.equal(rows[2].rater_phone_masked, '139****1111');
    assert.equal(protector.decrypt(rows[2].rater_phone_encrypted), '13900001111');
    assert.equal(rows[0].recorded_by, '监督科 赵六');
    const counted = await db('counted_ratings').where({ ledger: 'subject_evaluations' }).select('kind');
    assert.deepEqual(
      counted.map((row) => row.kind),
      ['public-comment', 'public-comment', 'public-comment'],
    );
    assert.equal((await verifySubjectLedger(db)).ok, true);
  });

  it('given a tag a process owner added with full-width brackets, when 综合点评 tick it with either brackets, then it is stored as the label is defined', async () => {
    // Regression: the cell is read in its compatibility form, （） as ( ), and no longer missed the label.
    await addBracketedTag(db, NOW);
    const [fullWidth, ascii] = [comment(), comment()];
    const report = await run('public-comment', [
      { ...fullWidth, 评价等级: '不满意', 标签: '收取材料过多（复印件）；推诿扯皮' },
      { ...ascii, 评价等级: '基本满意', 标签: '收取材料过多(复印件)' },
    ]);
    assert.deepEqual([report.stored, report.refused], [2, []]);
    const tagsOf = async (sourceRef: string) =>
      (await db('subject_evaluations').where({ source_ref: sourceRef }).first()).tags;
    assert.deepEqual(await tagsOf(fullWidth.来源编号), ['收取材料过多（复印件）', '推诿扯皮']);
    assert.deepEqual(await tagsOf(ascii.来源编号), ['收取材料过多（复印件）']);
    assert.equal((await verifySubjectLedger(db)).ok, true);
  });

  it("given a supervisors' survey with dimensions, when imported, then its ratings are 监督查评 with channel survey and their dimensions in the chain", async () => {
    const report = await run('supervision-survey', [
      {
        来源编号: 'DC-2026-11-001',
        评价对象类型: '服务机构',
        评价对象编号: 'bl-center',
        评价等级: '基本满意',
        服务环境: '不满意',
        服务效率: '满意',
      },
    ]);
    assert.equal(report.stored, 1);
    const row = await db('subject_evaluations').where({ source_ref: 'DC-2026-11-001' }).first();
    assert.deepEqual(
      [row.kind, row.channel, row.environment, row.efficiency, row.attitude],
      ['supervision-survey', 'survey', 'dissatisfied', 'satisfied', null],
    );
    assert.equal((await db('counted_ratings').where({ id: row.id }).first()).kind, 'supervision-survey');
    assert.deepEqual(
      { ...(await db('counted_rating_dimensions').where({ id: row.id }).first()) },
      {
        id: row.id,
        ledger: 'subject_evaluations',
        attitude: null,
        quality: null,
        efficiency: 'satisfied',
        environment: 'dissatisfied',
      },
      'its dimensions in the dimension statistics',
    );
    assert.equal((await verifySubjectLedger(db)).ok, true);
  });

  it('given a 综合点评 file without the 渠道 column, when imported, then the whole file is refused once with import.missing_columns naming 渠道, nothing recorded, `hcp import` naming the template command; a 监督查评 file without it is stored as 调查', async () => {
    const withoutChannel = SUBJECT_HEADER.filter((column) => column !== '渠道');
    const rows = [comment(), comment()].map(({ 渠道: _channel, ...cells }) => cells);
    const file = await workbookOf(withoutChannel, rows);
    const before = await Promise.all(['rating_imports', 'subject_evaluations'].map(count));
    const importer = createSubjectImport({ db, protector, clock: () => NOW, newId: randomUUID });
    await assert.rejects(
      importer.run('public-comment', { file, fileName: 'comments.xlsx', importedBy: '监督科 赵六' }),
      (error: { id: string; details: { missing: string[] } }) =>
        error.id === 'import.missing_columns' && error.details.missing.join() === '渠道',
    );
    const path = join(tmpdir(), `hcp-comments-${randomUUID()}.xlsx`);
    writeFileSync(path, file);
    const errors: string[] = [];
    const output = { log: () => undefined, error: (line: string) => errors.push(line) };
    const environment = { DATABASE_URL: url, HCP_ENCRYPTION_KEY: 'e'.repeat(64) };
    const code = await runImportCommand(['public-comments', path, '--by', '赵六'], output, { environment });
    assert.equal(code, 2, errors.join('\n'));
    assert.match(errors[0]!, /^文件未导入：import\.missing_columns .*"missing":\["渠道"\]/);
    assert.equal(errors[1], '导入模板可用 hcp import template public-comments <文件.xlsx> 生成。');
    assert.deepEqual(await Promise.all(['rating_imports', 'subject_evaluations'].map(count)), before);

    const survey = await importer.run('supervision-survey', {
      file: await workbookOf(withoutChannel, [{ ...rows[0]!, 来源编号: 'DC-NO-CHANNEL-1' }]),
      fileName: 'survey.xlsx',
      importedBy: '监督科 赵六',
    });
    assert.deepEqual([survey.stored, survey.refused], [1, []]);
    const stored = await db('subject_evaluations').where({ source_ref: 'DC-NO-CHANNEL-1' }).first();
    assert.equal(stored.channel, 'survey');
  });

  const brokenRows: [string, Record<string, CellInput>, string][] = [
    [
      'a 差评 without tags or text (art. 8)',
      comment({ 评价等级: '非常不满意' }),
      'evaluation.bad_review_needs_content',
    ],
    [
      'a window that does not exist',
      comment({ 评价对象编号: 'no-such-window' }),
      'subject_evaluation.unknown_subject',
    ],
    ['an unknown subject type', comment({ 评价对象类型: '工作人员' }), 'import.unknown_choice'],
    ['a survey channel in a public comment', comment({ 渠道: '调查' }), 'import.unknown_choice'],
    ['no source reference', comment({ 来源编号: null }), 'import.required_cell_empty'],
    ['an unknown level', comment({ 评价等级: '一般' }), 'evaluation.unknown_level'],
  ];

  for (const [what, row, errorId] of brokenRows) {
    it(`given a row with ${what}, then it is refused with ${errorId} and nothing of it is stored`, async () => {
      const before = await count('subject_evaluations');
      const report = await run('public-comment', [comment(), row]);
      assert.equal(report.stored, 1);
      assert.deepEqual(
        report.refused.map((refused) => [refused.rowNumber, refused.errorId]),
        [[3, errorId]],
      );
      assert.equal(await count('subject_evaluations'), before + 1);
    });
  }

  it('given 综合点评 差评 of a window, an item and a platform, and a survey 差评, when imported, then each 综合点评 差评 opens its case, routed to the unit that answers for what it rates; the survey opens none; a second import opens nothing more', async () => {
    const bad = { 评价等级: '非常不满意', 文字评价: '多次反映无人处理' };
    const rows = [
      comment({ ...bad }),
      comment({ ...bad, 评价对象类型: '政务服务事项', 评价对象编号: 'XA-SC-0001' }),
      comment({ ...bad, 评价对象类型: '政务服务平台', 评价对象编号: 'xa-online-hall' }),
      // 税务局 does not work in this system: its item's 差评 goes to the approval department to assign.
      comment({ ...bad, 评价对象类型: '政务服务事项', 评价对象编号: 'XA-SW-0001' }),
      comment({ 评价等级: '非常满意' }),
    ];
    const before = { cases: await count('cases'), outbox: await count('outbox') };
    const report = await run('public-comment', rows);
    assert.deepEqual([report.stored, report.casesOpened], [5, 4]);
    const survey = await run('supervision-survey', [
      {
        来源编号: `DC-${randomUUID().slice(0, 8)}`,
        评价对象类型: '服务机构',
        评价对象编号: 'bl-center',
        ...bad,
      },
    ]);
    assert.deepEqual([survey.stored, survey.casesOpened], [1, 0]);

    const opened = await db('case_ratings as cr')
      .join('cases as c', 'c.id', 'cr.case_id')
      .whereIn(
        'cr.source_ref',
        rows.map((row) => row.来源编号),
      )
      .select('cr.*', 'c.status', 'c.evaluation_id', 'c.subject_evaluation_id');
    assert.equal(opened.length, 4, 'one case per 综合点评 差评, none for the 非常满意 or the survey');
    assert.equal((await count('cases')) - before.cases, 4);
    assert.equal((await count('outbox')) - before.outbox, 4, 'and an order to start each');
    const bySubject = new Map(
      opened.map((row) => [row.institution_id ?? row.item_code ?? row.platform_id, row]),
    );
    for (const row of opened) {
      assert.equal(row.status, 'pending-start');
      assert.equal(row.evaluation_id, null);
      assert.equal(row.subject_evaluation_id, row.rating_id);
      assert.equal(row.case_id, row.rating_id, 'the case takes its rating id, as for a 办件');
      assert.equal(row.service_record_id, null);
      assert.equal(row.ledger, 'subject_evaluations');
    }
    const routing = async (subject: string) =>
      routeBadReview((await loadCaseFacts(db, bySubject.get(subject)!.case_id))!);
    assert.deepEqual(await routing('xa-hall-w01'), { departmentId: 'xa-market', rule: 'handled-by' });
    assert.deepEqual(await routing('XA-SC-0001'), { departmentId: 'xa-market', rule: 'handled-by' });
    assert.deepEqual(await routing('xa-online-hall'), { departmentId: 'xa-bigdata', rule: 'built-by' });
    assert.deepEqual(await routing('XA-SW-0001'), { departmentId: 'xa-approval', rule: 'unroutable' });
    const events = await db('case_events')
      .whereIn(
        'case_id',
        opened.map((row) => row.case_id),
      )
      .select('kind');
    assert.deepEqual(
      events.map((event) => event.kind),
      ['case-opened', 'case-opened', 'case-opened', 'case-opened'],
    );

    const again = await run('public-comment', rows);
    assert.deepEqual([again.skipped, again.casesOpened], [5, 0]);
    assert.equal((await count('cases')) - before.cases, 4, 'a second import opens nothing more');
  });

  it('given an archive of 综合点评 already handled outside the system (`--archive`), when imported, then its 差评 are stored as evidence, open no case, and the import records that', async () => {
    const rows = [comment({ 评价等级: '非常不满意', 文字评价: '去年的意见箱来信' }), comment()];
    const before = await count('cases');
    const report = await run('public-comment', rows, { archive: true });
    assert.deepEqual([report.stored, report.casesOpened, report.archive], [2, 0, true]);
    assert.equal(await count('cases'), before);
    const stored = await db('subject_evaluations').whereIn(
      'source_ref',
      rows.map((row) => row.来源编号),
    );
    assert.deepEqual(stored.map((row) => row.level).sort(), ['satisfied', 'very-dissatisfied']);
    const imported = await db('rating_imports').where({ id: report.importId }).first();
    assert.equal(imported.opens_cases, false);
  });

  it('given a 综合点评 差评 whose case the appeal review did not adopt, then the decision names the subject rating and counted_ratings leaves it out, its dimensions too', async () => {
    const row = comment({ 评价等级: '不满意', 标签: '态度生硬', 服务态度: '非常不满意' });
    await run('public-comment', [row]);
    const rating = await db('subject_evaluations').where({ source_ref: row.来源编号 }).first();
    assert.ok(await db('counted_ratings').where({ id: rating.id }).first(), 'counted before the decision');
    const dimensions = await db('counted_rating_dimensions').where({ id: rating.id }).first();
    assert.equal(dimensions.attitude, 'very-dissatisfied', 'its dimensions counted before the decision');
    const decision = await recordNotAdopted(db, {
      caseId: rating.id,
      reason: 'malicious',
      basis: '同一来源短时间内重复投递',
      decidedBy: null,
      decidedAt: NOW,
    });
    assert.deepEqual([decision?.evaluation_id, decision?.subject_evaluation_id], [null, rating.id]);
    assert.equal(await db('counted_ratings').where({ id: rating.id }).first(), undefined);
    assert.equal(await db('counted_rating_dimensions').where({ id: rating.id }).first(), undefined);
  });

  it('given a file imported once, when it is imported again, then nothing new is stored; a changed row is refused; the same source reference twice in a file is refused', async () => {
    const rows = [comment(), comment({ 评价等级: '非常满意' })];
    const first = await run('public-comment', rows);
    assert.equal(first.stored, 2);
    const before = await count('subject_evaluations');
    const again = await run('public-comment', rows);
    assert.deepEqual([again.stored, again.skipped, again.refused.length], [0, 2, 0]);
    const changed = await run('public-comment', [
      rows[0]!,
      { ...rows[1]!, 评价等级: '满意' },
      { ...rows[0]! },
    ]);
    assert.deepEqual(
      changed.refused.map((row) => [row.rowNumber, row.errorId]),
      [
        [3, 'import.row_changed_after_import'],
        [4, 'import.duplicate_in_file'],
      ],
    );
    assert.equal(await count('subject_evaluations'), before);
  });

  it('given a 综合点评 changed by the superuser, when `hcp ledger verify` runs, then it names the broken row of subject_evaluations and exits 1', async () => {
    const target = await db('subject_evaluations').orderBy('sequence').offset(1).first();
    const lines: string[] = [];
    const verify = () =>
      runLedgerCommand(
        ['verify'],
        { log: (line) => lines.push(line), error: () => undefined },
        { environment: { DATABASE_URL: url } },
      );
    assert.equal(await verify(), 0);
    await db.transaction(async (trx) => {
      await trx.raw('alter table subject_evaluations disable trigger subject_evaluations_append_only');
      await trx('subject_evaluations').where({ id: target.id }).update({ level: 'very-satisfied' });
      await trx.raw('alter table subject_evaluations enable trigger subject_evaluations_append_only');
    });
    lines.length = 0;
    assert.equal(await verify(), 1);
    assert.match(
      lines[lines.length - 1]!,
      new RegExp(
        `^broken at subject_evaluations sequence ${target.sequence} \\(${target.id}\\): hash mismatch`,
      ),
    );
    // Put back as it was, then moved below the millisecond (900 µs): that too breaks the row.
    await db.transaction(async (trx) => {
      await trx.raw('alter table subject_evaluations disable trigger subject_evaluations_append_only');
      await trx('subject_evaluations').where({ id: target.id }).update({ level: target.level });
      await trx('subject_evaluations')
        .where({ id: target.id })
        .update({ rated_at: trx.raw("rated_at + interval '900 microseconds'") });
      await trx.raw('alter table subject_evaluations enable trigger subject_evaluations_append_only');
    });
    lines.length = 0;
    assert.equal(await verify(), 1);
    assert.match(lines[lines.length - 1]!, new RegExp(`sequence ${target.sequence} .*hash mismatch`));
    await db.transaction(async (trx) => {
      await trx.raw('alter table subject_evaluations disable trigger subject_evaluations_append_only');
      await trx('subject_evaluations').where({ id: target.id }).update({ rated_at: target.rated_at });
      await trx.raw('alter table subject_evaluations enable trigger subject_evaluations_append_only');
    });
    lines.length = 0;
    assert.equal(await verify(), 0, 'restored');
  });

  for (const [template, kind] of [
    ['public-comments', 'public-comment'],
    ['surveys', 'supervision-survey'],
  ] as const) {
    it(`given the ${template} template from \`hcp import template\`, then imported as it is it stores nothing (its example is on the 说明 sheet); filled in with that example, the row is stored`, async () => {
      const path = join(tmpdir(), `hcp-template-${randomUUID()}.xlsx`);
      const lines: string[] = [];
      const output = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
      assert.equal(await runImportCommand(['template', template, path], output), 0, lines.join('\n'));
      const importer = createSubjectImport({ db, protector, clock: () => NOW, newId: randomUUID });
      const run = (file: Buffer) =>
        importer.run(kind, { file, fileName: 'template.xlsx', importedBy: '监督科 赵六' });
      const { filled, dataRows, columnFormats } = await templateFilledWithExamples(readFileSync(path));
      assert.equal(dataRows, 0);
      assert.deepEqual([columnFormats['来源编号'], columnFormats['联系电话']], ['@', '@'], 'text columns');
      const blank = await run(readFileSync(path));
      assert.deepEqual([blank.total, blank.stored, blank.refused], [0, 0, []]);
      const report = await run(filled);
      assert.deepEqual([report.stored, report.refused], [1, []]);
    });
  }

  it('given the app role, then it may not update or delete subject ratings, and nobody may (triggers)', async () => {
    await assert.rejects(db('subject_evaluations').update({ text: 'x' }), /append-only/);
    await assert.rejects(db('subject_evaluations').delete(), /append-only/);
    await assert.rejects(db.raw('truncate subject_evaluations cascade'), /append-only/);
    const grants = await db.raw<{ rows: { privilege_type: string }[] }>(
      `select privilege_type from information_schema.role_table_grants
        where grantee = 'hcp_app_writer' and table_name = 'subject_evaluations' order by privilege_type`,
    );
    assert.deepEqual(
      grants.rows.map((row) => row.privilege_type),
      ['INSERT', 'SELECT'],
    );
  });
});
