// Paper rating forms imported from Excel (issue 5, art. 12): every row judged by the rules of the rating
// API (art. 8–10), stored through the same ledger (hash chain, encrypted contact, 差评 cases); a bad row is
// reported with its row number and error id and stores nothing; a file imported again stores nothing twice.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImportCommand } from '../../cli/import.ts';
import { runLedgerCommand } from '../../cli/ledger.ts';
import { createPaperFormImport } from '../../infra/imports/paper-form-import.ts';
import {
  appendPlannedChunk,
  planImportedChunk,
  type ImportedRow,
} from '../../infra/stores/imported-evaluations.ts';
import { prepareEvaluation, type NewEvaluation } from '../../domain/evaluation/intake.ts';
import { PRESET_TAGS } from '../../domain/evaluation/tags.ts';
import { addBracketedTag } from '../support/preset-tags.ts';
import { verifyLedger } from '../../infra/ledger/verify.ts';
import { PAPER_FORM_HEADER } from '../../domain/imports/paper-form-sheet.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { postJson, serviceRecordBody, HANDLING_SYSTEM_HEADERS, postRating } from '../support/fixtures.ts';
import { shippedCalendar } from '../support/calendar.ts';
import { templateFilledWithExamples, workbook, workbookOf, type CellInput } from '../support/workbooks.ts';
import type { ImportReport } from '../../infra/imports/import-run.ts';

const NOW = new Date('2026-11-26T10:00:00+08:00');

describe('paper forms imported from Excel (issue 5)', () => {
  let rating: RatingApi;

  before(async () => {
    rating = await startRatingApi('hcp_test_db_paper_forms');
    rating.setNow(NOW);
  });

  after(() => rating.stop());

  const importer = (chunkSize?: number) =>
    createPaperFormImport({
      db: rating.db,
      protector: rating.protector,
      clock: () => NOW,
      newId: randomUUID,
      workingCalendar: shippedCalendar,
      ...(chunkSize ? { chunkSize } : {}),
    });

  async function importRows(rows: Record<string, CellInput>[], chunkSize?: number): Promise<ImportReport> {
    const file = await workbookOf(PAPER_FORM_HEADER, rows);
    return importer(chunkSize).run({ file, fileName: 'forms.xlsx', importedBy: '李四' });
  }

  async function registered(overrides: Record<string, unknown> = {}): Promise<string> {
    const record = serviceRecordBody(overrides);
    const created = await postJson(rating.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return record.id;
  }

  async function counts() {
    const tables = [
      'evaluations',
      'rating_dimensions',
      'evaluation_identifiers',
      'cases',
      'outbox',
      'invitation_outbox',
      'imported_ratings',
    ];
    const values = await Promise.all(
      tables.map(async (table) => Number((await rating.db(table).count({ n: '*' }))[0]!.n)),
    );
    return Object.fromEntries(tables.map((table, index) => [table, values[index]!]));
  }

  const goodRow = (serviceRecordId: string, extra: Record<string, CellInput> = {}) => ({
    办件编号: serviceRecordId,
    评价等级: '满意',
    ...extra,
  });

  it('given a filled-in form file, when it is imported, then each row is a paper-form rating in the chain, contact encrypted and masked, a 差评 opens its case, and the ledger verifies', async () => {
    const [good, bad, dims] = [await registered(), await registered(), await registered()];
    const before = await counts();
    const report = await importRows([
      goodRow(good, { 评价日期: '2026-11-25 15:30' }),
      {
        办件编号: bad,
        评价等级: '非常不满意',
        标签: '态度生硬、窗口空岗',
        文字评价: '等了两个小时',
        实名: '是',
        评价人: '王小明',
        联系电话: '13812345678',
      },
      goodRow(dims, { 服务态度: '非常满意', 服务环境: '基本满意' }),
    ]);
    assert.deepEqual(
      { total: report.total, stored: report.stored, skipped: report.skipped, refused: report.refused },
      { total: 3, stored: 3, skipped: 0, refused: [] },
    );
    const after = await counts();
    assert.equal(after.evaluations! - before.evaluations!, 3);
    assert.equal(after.cases! - before.cases!, 1, 'the 差评 opened one case');
    assert.equal(report.casesOpened, 1, 'and the report says so');
    assert.equal(after.outbox! - before.outbox!, 1, 'and one order to start it');
    assert.equal(
      after.invitation_outbox! - before.invitation_outbox!,
      0,
      'their invitations have not started (the start orders are pending and will see the ratings)',
    );
    assert.equal(after.rating_dimensions! - before.rating_dimensions!, 1);
    assert.equal(after.imported_ratings! - before.imported_ratings!, 3);

    const stored = await rating.db('evaluations').where({ service_record_id: bad }).first();
    assert.equal(stored.channel, 'paper-form');
    assert.deepEqual(stored.tags, ['态度生硬', '窗口空岗']);
    assert.equal(stored.rater_phone_masked, '138****5678');
    assert.equal(stored.rater_name_masked, '王**');
    assert.ok(!String(stored.rater_phone_encrypted).includes('13812345678'));
    assert.equal(rating.protector.decrypt(stored.rater_phone_encrypted), '13812345678');
    const dated = await rating.db('evaluations').where({ service_record_id: good }).first();
    assert.equal(
      dated.rated_at.toISOString(),
      '2026-11-25T07:30:00.000Z',
      'the date on the form, Beijing time',
    );
    const dimensions = await rating
      .db('rating_dimensions')
      .where({
        evaluation_id: (await rating.db('evaluations').where({ service_record_id: dims }).first()).id,
      })
      .first();
    assert.equal(dimensions.attitude, 'very-satisfied');
    assert.equal(dimensions.environment, 'basically-satisfied');
    assert.equal(dimensions.quality, null);
    const run = await rating.db('rating_import_results').where({ import_id: report.importId }).first();
    assert.deepEqual([run.rows_total, run.rows_stored, run.rows_refused], [3, 3, 0]);
    const counted = await rating.db('counted_ratings').where({ id: stored.id }).first();
    assert.deepEqual(
      [counted.ledger, counted.kind],
      ['evaluations', 'on-site'],
      'a paper form counts as 现场一次一评',
    );
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  it('given text and tags with tabs, line breaks, backslashes and quotes, when imported (COPY), then they are stored as written and the chain verifies', async () => {
    const id = await registered();
    // Preset content a process owner added (art. 8), with characters COPY must escape.
    for (const [code, label] of [
      ['quality.quoted', '"一次办好"'],
      ['quality.backslash', 'a\\b'],
    ]) {
      await rating.db('preset_tag_versions').insert({
        code,
        label,
        dimension: 'quality',
        polarity: 'good',
        active: true,
        changed_by: 'zhou.jie',
        changed_at: new Date(),
      });
    }
    const text = '第一行\t制表\n第二行 \\ 反斜杠 "引号" \\N';
    const report = await importRows([goodRow(id, { 文字评价: text, 标签: '"一次办好"，a\\b' })]);
    assert.equal(report.stored, 1, JSON.stringify(report.refused));
    const stored = await rating.db('evaluations').where({ service_record_id: id }).first();
    assert.equal(stored.text, text);
    assert.deepEqual(stored.tags, ['"一次办好"', 'a\\b']);
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  it('given a form ticked with a tag since retired or renamed, then it is stored as ticked (the form was printed before)', async () => {
    const [retired, renamed] = [await registered(), await registered()];
    for (const [code, label, active] of [
      ['environment.inconvenient-facilities', '设施不便民', false],
      ['efficiency.slow-reply', '咨询答复慢', true],
    ] as const) {
      await rating.db('preset_tag_versions').insert({
        code,
        label,
        dimension: code.split('.')[0],
        polarity: 'bad',
        active,
        changed_by: 'zhou.jie',
        changed_at: new Date(),
      });
    }
    const report = await importRows([
      goodRow(retired, { 评价等级: '不满意', 标签: '设施不便民' }),
      goodRow(renamed, { 评价等级: '不满意', 标签: '咨询回复不及时' }),
    ]);
    assert.deepEqual(report.refused, []);
    assert.equal(report.stored, 2);
  });

  it('given a tag a process owner added with full-width brackets, when forms tick it with either brackets, then it is stored as the label is defined', async () => {
    // Regression: the cell is read in its compatibility form, （） as ( ), and no longer missed the label.
    await addBracketedTag(rating.db, NOW);
    const [fullWidth, ascii] = [await registered(), await registered()];
    const report = await importRows([
      goodRow(fullWidth, { 评价等级: '不满意', 标签: '收取材料过多（复印件）、态度生硬' }),
      goodRow(ascii, { 评价等级: '非常不满意', 标签: '收取材料过多(复印件)' }),
    ]);
    assert.deepEqual(report.refused, []);
    assert.equal(report.stored, 2);
    const tagsOf = async (id: string) =>
      (await rating.db('evaluations').where({ service_record_id: id }).first()).tags;
    assert.deepEqual(await tagsOf(fullWidth), ['收取材料过多（复印件）', '态度生硬']);
    assert.deepEqual(await tagsOf(ascii), ['收取材料过多（复印件）']);
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  it('given 评价对象 cells naming what every object answers to ("constructor", "toString", "__proto__"), when the file is imported, then each of those rows is refused with import.unknown_choice naming its value, and the valid rows of the file are stored', async () => {
    // Regression: such a cell was taken as a choice, and PostgreSQL's check refused the whole import.
    const ids = [];
    for (let index = 0; index < 5; index++) ids.push(await registered());
    const [first, constructor, toString, proto, last] = ids as [string, string, string, string, string];
    const before = await counts();
    const report = await importRows([
      goodRow(first),
      goodRow(constructor, { 评价对象: 'constructor' }),
      goodRow(toString, { 评价对象: 'toString' }),
      goodRow(proto, { 评价对象: '__proto__' }),
      goodRow(last, { 评价对象: '办件服务', 评价等级: '非常满意' }),
    ]);
    assert.deepEqual(
      report.refused.map((row) => [row.rowNumber, row.errorId, row.details.column, row.details.value]),
      [
        [3, 'import.unknown_choice', '评价对象', 'constructor'],
        [4, 'import.unknown_choice', '评价对象', 'toString'],
        [5, 'import.unknown_choice', '评价对象', '__proto__'],
      ],
    );
    assert.equal(report.stored, 2);
    assert.equal((await counts()).evaluations! - before.evaluations!, 2);
    const stored = await rating
      .db('evaluations')
      .whereIn('service_record_id', ids)
      .select('service_record_id');
    assert.deepEqual(stored.map((row) => row.service_record_id).sort(), [first, last].sort());
  });

  const brokenRows: [string, (id: string) => Record<string, CellInput>, string][] = [
    [
      'a 差评 without tags or text (art. 8)',
      (id) => ({ 办件编号: id, 评价等级: '不满意' }),
      'evaluation.bad_review_needs_content',
    ],
    ['an unknown level', (id) => ({ 办件编号: id, 评价等级: '很好' }), 'evaluation.unknown_level'],
    ['a tag not in the preset content', (id) => goodRow(id, { 标签: '服务很好' }), 'evaluation.unknown_tag'],
    ['a 差评 tag on a good rating', (id) => goodRow(id, { 标签: '态度生硬' }), 'evaluation.unknown_tag'],
    ['an unknown dimension level', (id) => goodRow(id, { 服务质量: '还行' }), 'evaluation.unknown_level'],
    ['an empty 办件编号', () => ({ 评价等级: '满意', 文字评价: '没有填编号' }), 'import.required_cell_empty'],
    ['a 办件 that does not exist', () => goodRow('SR-NOT-THERE'), 'evaluation.unknown_service_record'],
    ['a malformed phone', (id) => goodRow(id, { 联系电话: '138-abc' }), 'import.invalid_phone'],
    ['a phone of hyphens only', (id) => goodRow(id, { 联系电话: '-----' }), 'import.invalid_phone'],
    ['实名 neither 是 nor 否', (id) => goodRow(id, { 实名: '也许' }), 'import.unknown_yes_no'],
    ['a malformed date', (id) => goodRow(id, { 评价日期: '2026-13-45' }), 'import.invalid_date'],
    ['a date after the import', (id) => goodRow(id, { 评价日期: '2026-12-01' }), 'import.date_in_future'],
    ['an unknown target', (id) => goodRow(id, { 评价对象: '窗口人员' }), 'import.unknown_choice'],
    [
      'a platform rating of a 办件 handled on no platform',
      (id) => goodRow(id, { 评价对象: '政务服务平台' }),
      'evaluation.no_platform',
    ],
    [
      'text over 2,000 characters',
      (id) => goodRow(id, { 文字评价: '好'.repeat(2001) }),
      'import.cell_too_long',
    ],
  ];

  for (const [what, row, errorId] of brokenRows) {
    it(`given a row with ${what}, when the file is imported, then that row is refused with ${errorId} and nothing of it is stored, while the good row is`, async () => {
      const [target, other] = [await registered(), await registered()];
      const before = await counts();
      const report = await importRows([goodRow(other), row(target)]);
      assert.equal(report.stored, 1);
      assert.equal(report.refused.length, 1);
      assert.equal(report.refused[0]!.rowNumber, 3, 'the row number as Excel shows it (header is row 1)');
      assert.equal(report.refused[0]!.errorId, errorId);
      const after = await counts();
      assert.equal(after.evaluations! - before.evaluations!, 1);
      assert.equal(after.cases, before.cases);
      assert.equal(after.imported_ratings! - before.imported_ratings!, 1);
      assert.equal((await rating.db('evaluations').where({ service_record_id: target })).length, 0);
    });
  }

  it('given a 办件 handled online, not completed and not yet past its promised deadline (art. 9–10), when its form is imported, then evaluation.not_yet_rateable', async () => {
    const id = await registered({
      channel: 'online',
      completedAt: undefined,
      promisedAt: '2026-12-10T17:00:00+08:00',
    });
    const report = await importRows([goodRow(id)]);
    assert.deepEqual(
      report.refused.map((row) => row.errorId),
      ['evaluation.not_yet_rateable'],
    );
    assert.equal(report.stored, 0);
  });

  it('given a 办件 handled online, never completed and past its promised deadline (art. 10), when forms dated before and on the next working day are imported, then only the one from that day on is stored', async () => {
    // Promised Friday 2026-11-20 17:00: the next working day is Monday 2026-11-23.
    const overdue = { channel: 'online', completedAt: undefined, promisedAt: '2026-11-20T17:00:00+08:00' };
    const [early, due] = [await registered(overdue), await registered(overdue)];
    const report = await importRows([
      goodRow(early, { 评价日期: '2026-11-22 18:00' }),
      goodRow(due, { 评价日期: '2026-11-23 09:00' }),
    ]);
    assert.deepEqual(
      report.refused.map((row) => [row.rowNumber, row.errorId]),
      [[2, 'evaluation.not_yet_rateable']],
    );
    assert.equal(report.stored, 1);
    assert.equal((await rating.db('evaluations').where({ service_record_id: due })).length, 1);
  });

  it('given forms dated only with a day (the day an online 办件 was completed, the day a window 办件 was accepted), when imported, then each is stored as given from that moment; a form dated before its 办件 was accepted is refused', async () => {
    // Completed 2026-11-25 10:00 (the fixture); handled online, so rateable only once completed (art. 9).
    const online = await registered({ channel: 'online' });
    const window = await registered({
      acceptedAt: '2026-11-24T09:15:00+08:00',
      promisedAt: '2026-12-01T17:00:00+08:00',
      completedAt: undefined,
    });
    const early = await registered();
    const report = await importRows([
      goodRow(online, { 评价日期: '2026-11-25' }),
      goodRow(window, { 评价日期: '2026年11月24日' }),
      goodRow(early, { 评价日期: '2025-11-20' }),
    ]);
    assert.deepEqual(
      report.refused.map((row) => [row.rowNumber, row.errorId]),
      [[4, 'evaluation.rated_before_accepted']],
    );
    const ratedAt = async (id: string) =>
      (await rating.db('evaluations').where({ service_record_id: id }).first()).rated_at.toISOString();
    assert.equal(
      await ratedAt(online),
      '2026-11-25T02:00:00.000Z',
      'its completion, not the midnight before',
    );
    assert.equal(await ratedAt(window), '2026-11-24T01:15:00.000Z', 'its acceptance at the window');
  });

  it('given a 办件 already rated by its QR code (art. 9), when a paper form of it is imported, then evaluation.duplicate and nothing is stored', async () => {
    const id = await registered();
    const rated = await postRating(rating.api, rating.protector, {
      serviceRecordId: id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201);
    const before = await counts();
    const report = await importRows([goodRow(id, { 评价等级: '非常不满意', 文字评价: '补录' })]);
    assert.deepEqual(
      report.refused.map((row) => row.errorId),
      ['evaluation.duplicate'],
    );
    assert.deepEqual(await counts(), before);
  });

  /** A 满意 paper-form row of a completed 办件 as the import judges it, ready for planImportedChunk. */
  async function plannedRowOf() {
    const calendar = await shippedCalendar();
    return (serviceRecordId: string, rowNumber: number): ImportedRow<NewEvaluation> => ({
      rowNumber,
      sourceKey: `paper-form:${serviceRecordId}:service`,
      fingerprint: `fingerprint-of-${serviceRecordId}`,
      evaluation: prepareEvaluation(
        {
          serviceRecordId,
          target: 'service',
          channel: 'paper-form',
          level: 'satisfied',
          tags: [],
          text: '',
          realName: false,
        },
        {
          record: {
            id: serviceRecordId,
            serviceChannel: 'window',
            platformId: null,
            acceptedAt: new Date('2026-11-20T09:00:00+08:00'),
            completedAt: new Date('2026-11-25T10:00:00+08:00'),
            promisedAt: null,
            themeId: null,
            ratingWindowClosesAt: null,
            recordedUnrated: false,
          },
          presetTags: PRESET_TAGS,
          ratedAt: NOW,
          calendar,
          protector: rating.protector,
          id: randomUUID(),
        },
      ),
    });
  }

  it('given a chunk checked before the ledger lock, when a window rating of one of its 办件 and another import of another of its rows land before it is written, then the chunk is done again under the lock: that row refused as evaluation.duplicate, the other skipped, the rest stored, and the ledger verifies', async () => {
    const [ratedMeanwhile, importedMeanwhile, untouched] = [
      await registered(),
      await registered(),
      await registered(),
    ];
    const row = await plannedRowOf();
    const rows = [row(ratedMeanwhile, 2), row(importedMeanwhile, 3), row(untouched, 4)];
    const plan = await planImportedChunk(rating.db, rows);
    assert.equal(plan.fresh.length, 3, 'nothing was rated when the chunk was checked');

    const windowRating = await postRating(rating.api, rating.protector, {
      serviceRecordId: ratedMeanwhile,
      channel: 'qr-code',
      level: 'very-satisfied',
    });
    assert.equal(windowRating.status, 201);
    const earlierRow = { ...row(importedMeanwhile, 9), fingerprint: rows[1]!.fingerprint };
    const earlier = await appendPlannedChunk(
      rating.db,
      randomUUID(),
      await planImportedChunk(rating.db, [earlierRow]),
    );
    assert.deepEqual(
      earlier.map((outcome) => outcome.status),
      ['stored'],
    );

    const before = await counts();
    const outcomes = await appendPlannedChunk(rating.db, randomUUID(), plan);
    assert.deepEqual(
      outcomes.map((outcome) => [
        outcome.rowNumber,
        outcome.status,
        outcome.status === 'refused' ? outcome.error.id : outcome.evaluationId,
      ]),
      [
        [2, 'refused', 'evaluation.duplicate'],
        [3, 'skipped', earlierRow.evaluation.id],
        [4, 'stored', rows[2]!.evaluation.id],
      ],
    );
    const after = await counts();
    assert.equal(after.evaluations! - before.evaluations!, 1, 'only the untouched row was added');
    assert.equal(after.imported_ratings! - before.imported_ratings!, 1);
    const verified = await verifyLedger(rating.db);
    assert.equal(verified.firstBroken, undefined, 'the ledger verifies');
  });

  it('given rows set aside from earlier imports before judging, when another import stores one of them before the chunk is planned, then that row is skipped, not refused as a duplicate', async () => {
    const [importedMeanwhile, untouched] = [await registered(), await registered()];
    const row = await plannedRowOf();
    const rows = [row(importedMeanwhile, 2), row(untouched, 3)];
    const other = { ...row(importedMeanwhile, 7), fingerprint: rows[0]!.fingerprint };
    await appendPlannedChunk(rating.db, randomUUID(), await planImportedChunk(rating.db, [other]));
    const plan = await planImportedChunk(rating.db, rows);
    const outcomes = await appendPlannedChunk(rating.db, randomUUID(), plan);
    assert.deepEqual(
      outcomes.map((outcome) => [outcome.rowNumber, outcome.status]),
      [
        [2, 'skipped'],
        [3, 'stored'],
      ],
    );
  });

  it('given a chunk checked before the ledger lock, when two of its 办件 are recorded 未评 before it is written (art. 10), then the chunk is done again under the lock: the form dated after its window refused as evaluation.window_closed, the one dated within it and the other stored', async () => {
    const [unratedMeanwhile, unratedInTime, untouched] = [
      await registered(),
      await registered(),
      await registered(),
    ];
    const row = await plannedRowOf();
    const rows = [row(unratedMeanwhile, 2), row(unratedInTime, 3), row(untouched, 4)];
    const plan = await planImportedChunk(rating.db, rows);
    assert.equal(plan.fresh.length, 3);
    // What the 未评 worker records when the window ends (workers/invitation-unrated.ts); the forms are
    // dated NOW, one of them a second after its window's last one.
    await rating.db('unrated_service_records').insert([
      {
        service_record_id: unratedMeanwhile,
        window_closed_at: new Date(NOW.getTime() - 1000),
        recorded_at: NOW,
      },
      { service_record_id: unratedInTime, window_closed_at: NOW, recorded_at: NOW },
    ]);
    const outcomes = await appendPlannedChunk(rating.db, randomUUID(), plan);
    assert.deepEqual(
      outcomes.map((outcome) => [
        outcome.rowNumber,
        outcome.status,
        outcome.status === 'refused' && outcome.error.id,
      ]),
      [
        [2, 'refused', 'evaluation.window_closed'],
        [3, 'stored', false],
        [4, 'stored', false],
      ],
    );
    assert.equal((await rating.db('evaluations').where({ service_record_id: unratedMeanwhile })).length, 0);
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  /**
   * A 办件 completed on 11/16 whose window closed on 11/24 with 未评 recorded (art. 10), as the invitation's
   * workers leave it.
   */
  async function unratedOnTheSixteenth(overrides: Record<string, unknown> = {}): Promise<string> {
    const id = await registered({
      acceptedAt: '2026-11-16T09:00:00+08:00',
      completedAt: '2026-11-16T10:00:00+08:00',
      ...overrides,
    });
    await rating.db('evaluation_invitations').insert({
      service_record_id: id,
      completed_at: '2026-11-16T10:00:00+08:00',
      reminder_at: '2026-11-17T10:00:00+08:00',
      window_closes_at: '2026-11-24T23:59:59+08:00',
      window_provisional: false,
      scheduled_at: '2026-11-16T10:00:00+08:00',
    });
    await rating.db('unrated_service_records').insert({
      service_record_id: id,
      window_closed_at: '2026-11-24T23:59:59+08:00',
      recorded_at: '2026-11-25T00:00:03+08:00',
    });
    return id;
  }

  it('given forms filled in on the spot and imported after their 办件 were recorded 未评 (art. 10), then the one dated within its window is stored and the one dated after it is refused', async () => {
    const [inTime, late] = [await unratedOnTheSixteenth(), await unratedOnTheSixteenth()];
    const report = await importRows([
      goodRow(inTime, { 评价日期: '2026-11-16 10:05' }),
      goodRow(late, { 评价日期: '2026-11-25 09:00' }),
    ]);
    assert.equal(report.stored, 1, JSON.stringify(report));
    assert.deepEqual(
      report.refused.map((refusal) => [refusal.rowNumber, refusal.errorId]),
      [[3, 'evaluation.window_closed']],
    );
    assert.equal((await rating.db('evaluations').where({ service_record_id: inTime })).length, 1);
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  it('given a batch whose 办件 were all recorded 未评, when a form dated within their window is imported for one, then it is stored and rates the whole batch (art. 9–10)', async () => {
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const [first, second] = [
      await unratedOnTheSixteenth({ batchId }),
      await unratedOnTheSixteenth({ batchId }),
    ];
    const report = await importRows([goodRow(first, { 评价日期: '2026-11-16 10:05' })]);
    assert.deepEqual([report.stored, report.refused], [1, []]);
    const rated = await rating
      .db('service_record_ratings')
      .whereIn('service_record_id', [first, second])
      .orderBy('applies_as', 'desc')
      .select('service_record_id', 'applies_as');
    assert.deepEqual(
      rated.map((row) => [row.service_record_id, row.applies_as]),
      [
        [first, 'own'],
        [second, 'batch'],
      ],
    );
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  it('given the same 办件 twice in one file, then the second row is refused with import.duplicate_in_file', async () => {
    const id = await registered();
    const report = await importRows([goodRow(id), goodRow(id, { 评价等级: '非常满意' })]);
    assert.equal(report.stored, 1);
    assert.deepEqual(
      report.refused.map((row) => [row.rowNumber, row.errorId]),
      [[3, 'import.duplicate_in_file']],
    );
  });

  it("given two 办件 of one batch and a 办件 of a theme rated overall (art. 9), when their forms are imported in small chunks, then only the batch's first is stored, the others refused, and the chain still verifies", async () => {
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const themeId = `T-${randomUUID().slice(0, 8)}`;
    const [first, second] = [await registered({ batchId }), await registered({ batchId })];
    const [themed, mate] = [await registered({ themeId }), await registered({ themeId })];
    const overall = await postRating(rating.api, rating.protector, {
      serviceRecordId: mate,
      channel: 'qr-code',
      level: 'satisfied',
      scope: 'theme',
    });
    assert.equal(overall.status, 201);
    const plain = [await registered(), await registered(), await registered()];
    const report = await importRows(
      [
        goodRow(plain[0]!),
        goodRow(first!),
        goodRow(plain[1]!),
        goodRow(second!),
        goodRow(themed!),
        goodRow(plain[2]!),
      ],
      2,
    );
    assert.equal(report.stored, 4);
    assert.deepEqual(
      report.refused.map((row) => [row.rowNumber, row.errorId]),
      [
        [5, 'evaluation.batch_already_rated'],
        [6, 'evaluation.theme_rated_overall'],
      ],
    );
    const batchInvitations = await rating
      .db('invitation_outbox')
      .whereIn('service_record_id', [first!, second!])
      .where({ kind: 'evaluation-received' });
    assert.equal(batchInvitations.length, 2, "the batch rating tells both 办件' invitations");
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  it('given a chunk whose write fails, when a file is imported in chunks, then the import fails with that error, the chunks before it stay, none after it is written, and the file imported again stores the rest', async () => {
    const records = [];
    for (let index = 0; index < 6; index += 1) records.push(await registered());
    // Sheet rows 2–7 in chunks of two: the second chunk (rows 4 and 5) is refused by the database.
    await rating.db.raw(`
      create function refuse_sheet_row_4() returns trigger language plpgsql as $$
      begin
        if new.row_number = 4 then raise exception 'test: the write of row 4 is refused'; end if;
        return new;
      end $$;
      create trigger refuse_sheet_row_4 before insert on imported_ratings
        for each row execute function refuse_sheet_row_4();
    `);
    const unhandled: unknown[] = [];
    const noteUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', noteUnhandled);
    const rows = records.map((id) => goodRow(id));
    try {
      await assert.rejects(importRows(rows, 2), /the write of row 4 is refused/);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', noteUnhandled);
      await rating.db.raw(
        'drop trigger refuse_sheet_row_4 on imported_ratings; drop function refuse_sheet_row_4()',
      );
    }
    assert.deepEqual(unhandled, []);
    const stored = await rating
      .db('evaluations')
      .whereIn('service_record_id', records)
      .pluck('service_record_id');
    assert.deepEqual(stored.sort(), records.slice(0, 2).sort(), 'only the first chunk was written');
    const again = await importRows(rows, 2);
    assert.deepEqual([again.stored, again.skipped, again.refused.length], [4, 2, 0]);
    assert.equal((await verifyLedger(rating.db)).ok, true);
  });

  it('given a file imported once, when it is imported again, then every row is skipped and nothing new is stored; when a corrected file fixes a bad row and changes a stored one, then the fixed row is stored and the changed one refused', async () => {
    const [a, b, c] = [await registered(), await registered(), await registered()];
    const rows = [goodRow(a), { 办件编号: b, 评价等级: '不满意' }, goodRow(c, { 文字评价: '很好' })];
    const first = await importRows(rows);
    assert.deepEqual([first.stored, first.refused.length], [2, 1]);
    const before = await counts();
    const again = await importRows(rows);
    assert.deepEqual([again.stored, again.skipped, again.refused.length], [0, 2, 1]);
    assert.deepEqual(await counts(), before);

    const corrected = await importRows([
      goodRow(a),
      { 办件编号: b, 评价等级: '不满意', 标签: '业务不熟练' },
      goodRow(c, { 文字评价: '很好，点赞' }),
    ]);
    assert.deepEqual([corrected.stored, corrected.skipped], [1, 1]);
    assert.deepEqual(
      corrected.refused.map((row) => [row.rowNumber, row.errorId]),
      [[4, 'import.row_changed_after_import']],
    );
    const kept = await rating.db('evaluations').where({ service_record_id: c }).first();
    assert.equal(kept.text, '很好', 'the stored rating is never changed');
  });

  it('given undated forms imported once, when the file is imported again after their rating window closed, then the rows stored are skipped, a changed one refused as changed, not as window_closed', async () => {
    const [a, b] = [await registered(), await registered()];
    for (const id of [a, b]) {
      await rating.db('evaluation_invitations').insert({
        service_record_id: id,
        completed_at: new Date('2026-11-25T10:00:00+08:00'),
        reminder_at: new Date('2026-11-26T10:00:00+08:00'),
        window_closes_at: new Date('2026-12-03T23:59:59+08:00'),
        window_provisional: false,
        scheduled_at: new Date('2026-11-25T10:00:00+08:00'),
      });
    }
    const rows = [goodRow(a), goodRow(b)];
    const first = await importRows(rows);
    assert.deepEqual([first.stored, first.refused.length], [2, 0]);
    const later = createPaperFormImport({
      db: rating.db,
      protector: rating.protector,
      clock: () => new Date('2026-12-10T10:00:00+08:00'),
      newId: randomUUID,
      workingCalendar: shippedCalendar,
    });
    const again = await later.run({
      file: await workbookOf(PAPER_FORM_HEADER, [goodRow(a), goodRow(b, { 文字评价: '补充' })]),
      fileName: 'forms.xlsx',
      importedBy: '李四',
    });
    assert.deepEqual([again.stored, again.skipped], [0, 1]);
    assert.deepEqual(
      again.refused.map((row) => [row.rowNumber, row.errorId]),
      [[3, 'import.row_changed_after_import']],
    );
  });

  it('given the paper-forms template from `hcp import template`, then imported as it is it stores nothing; filled in with the example of its 说明 sheet, the header is understood and the row reaches the rules (its 办件 exists here)', async () => {
    await rating.db('service_records').insert({
      id: 'XA-2026-000001',
      item_code: 'XA-SC-0001',
      handling_department_id: 'xa-market',
      channel: 'window',
      accepted_at: new Date('2026-11-20T01:00:00Z'),
      completed_at: new Date('2026-11-20T02:00:00Z'),
    });
    const path = join(tmpdir(), `hcp-template-${randomUUID()}.xlsx`);
    const output = { log: () => undefined, error: () => undefined };
    assert.equal(await runImportCommand(['template', 'paper-forms', path], output), 0);
    const { filled, dataRows, columnFormats } = await templateFilledWithExamples(readFileSync(path));
    assert.equal(dataRows, 0);
    assert.deepEqual([columnFormats['办件编号'], columnFormats['联系电话']], ['@', '@'], 'text columns');
    const blank = await importer().run({ file: readFileSync(path), fileName: 't.xlsx', importedBy: '李四' });
    assert.deepEqual([blank.total, blank.stored, blank.refused], [0, 0, []]);
    const report = await importer().run({ file: filled, fileName: 't.xlsx', importedBy: '李四' });
    assert.deepEqual([report.stored, report.refused], [1, []]);
    const stored = await rating.db('evaluations').where({ service_record_id: 'XA-2026-000001' }).first();
    assert.deepEqual([stored.level, stored.channel], ['dissatisfied', 'paper-form']);
  });

  it('given a file that is no workbook, or lacks the 评价等级 column, then the whole file is refused and nothing is stored, not even a run', async () => {
    const before = Number((await rating.db('rating_imports').count({ n: '*' }))[0]!.n);
    await assert.rejects(
      importer().run({ file: Buffer.from('办件编号,评价等级\n'), fileName: 'forms.csv', importedBy: '李四' }),
      { id: 'import.file_unreadable' },
    );
    await assert.rejects(
      importer().run({
        file: await workbook(['办件编号', '满意度'], [['X', '满意']]),
        fileName: 'f.xlsx',
        importedBy: '李四',
      }),
      (error: { id: string; details: { missing: string[] } }) =>
        error.id === 'import.missing_columns' && error.details.missing.includes('评价等级'),
    );
    await assert.rejects(
      importer().run({ file: await workbookOf(PAPER_FORM_HEADER, []), fileName: 'f.xlsx', importedBy: ' ' }),
      { id: 'import.imported_by_required' },
    );
    await assert.rejects(
      importer().run({
        file: await workbookOf(PAPER_FORM_HEADER, []),
        fileName: 'f.xlsx',
        importedBy: '李'.repeat(65),
      }),
      { id: 'import.imported_by_too_long' },
    );
    assert.equal(Number((await rating.db('rating_imports').count({ n: '*' }))[0]!.n), before);
  });

  it('given a file with a bad row, when `hcp import paper-forms` runs, then it names the row, id and Chinese message, says the stored 差评 opened its case, ends `imported 2 skipped 0 refused 1`, exits 1, the stored ratings with time-ordered ids; with --archive a 差评 opens none; `hcp ledger verify` still ends ok', async () => {
    const [a, b, c] = [await registered(), await registered(), await registered()];
    const path = join(tmpdir(), `hcp-paper-${randomUUID()}.xlsx`);
    writeFileSync(
      path,
      await workbookOf(PAPER_FORM_HEADER, [
        goodRow(a),
        { 办件编号: b, 评价等级: '非常不满意' },
        { 办件编号: c, 评价等级: '不满意', 文字评价: '材料被要求重复提交' },
      ]),
    );
    const lines: string[] = [];
    const errors: string[] = [];
    const output = { log: (line: string) => lines.push(line), error: (line: string) => errors.push(line) };
    const environment = { DATABASE_URL: rating.url, HCP_ENCRYPTION_KEY: 'd'.repeat(64) };
    const code = await runImportCommand(['paper-forms', path, '--by', '李四'], output, { environment });
    assert.equal(code, 1, errors.join('\n'));
    assert.ok(
      lines.some((line) => line.startsWith('第 3 行未导入：evaluation.bad_review_needs_content 差评')),
    );
    assert.ok(
      lines.includes('其中 1 件差评已立案，进入差评处置流程（核实、整改、反馈）。'),
      lines.join('\n'),
    );
    assert.equal(lines[lines.length - 1], 'imported 2 skipped 0 refused 1');
    // The ratings it stored have time-ordered ids (infra/record-ids.ts), in the order of the ledger.
    const ids: string[] = await rating
      .db('evaluations')
      .whereIn('service_record_id', [a, c])
      .orderBy('sequence')
      .pluck('id');
    assert.equal(ids.length, 2);
    assert.ok(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/.test(id)),
      ids.join(' '),
    );
    assert.deepEqual([...ids].sort(), ids);
    const noBy = await runImportCommand(['paper-forms', path], output, { environment });
    assert.equal(noBy, 2);
    // Times in a refusal's details are shown in Beijing time, as an official reads them.
    const earlyPath = join(tmpdir(), `hcp-paper-${randomUUID()}.xlsx`);
    writeFileSync(
      earlyPath,
      await workbookOf(PAPER_FORM_HEADER, [goodRow(await registered(), { 评价日期: '2025-11-20' })]),
    );
    lines.length = 0;
    assert.equal(
      await runImportCommand(['paper-forms', earlyPath, '--by', '李四'], output, { environment }),
      1,
    );
    assert.ok(
      lines.some(
        (line) =>
          line.startsWith('第 2 行未导入：evaluation.rated_before_accepted') &&
          line.includes('"acceptedAt":"2026-11-20 09:00:00（北京时间）"'),
      ),
      lines.join('\n'),
    );
    // An archive: a 差评 of an old 办件, handled before the system was in use, is stored and opens no case.
    const old = await registered();
    const archivePath = join(tmpdir(), `hcp-paper-${randomUUID()}.xlsx`);
    writeFileSync(
      archivePath,
      await workbookOf(PAPER_FORM_HEADER, [{ 办件编号: old, 评价等级: '不满意', 文字评价: '档案' }]),
    );
    const casesBefore = (await counts()).cases;
    lines.length = 0;
    const archived = await runImportCommand(
      ['paper-forms', archivePath, '--by', '李四', '--archive'],
      output,
      {
        environment,
      },
    );
    assert.equal(archived, 0, errors.join('\n'));
    assert.ok(lines.includes('历史档案导入：其中的差评已在系统外处理，只存证，未立案。'), lines.join('\n'));
    assert.equal(lines[lines.length - 1], 'imported 1 skipped 0 refused 0');
    assert.equal((await counts()).cases, casesBefore, 'no case opened');
    const verified: string[] = [];
    assert.equal(
      await runLedgerCommand(
        ['verify'],
        { log: (line) => verified.push(line), error: () => undefined },
        { environment },
      ),
      0,
    );
    assert.match(verified[verified.length - 1]!, /^ok \d+$/);
  });
});
