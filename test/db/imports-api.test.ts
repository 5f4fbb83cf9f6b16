// Importing ratings from Excel in the task list (issue 5, art. 12–15): POST /api/imports/:kind over HTTP against a
// real PostgreSQL, as a supervisor or admin would upload the file. Row by row like `hcp import`: good rows stored
// under the uploader's account, bad rows reported with their row number, error id and Chinese message, the same
// file again stores nothing twice; a district supervisor imports only their district's 办件 and subjects; every
// refusal of the request as a whole records nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PAPER_FORM_HEADER } from '../../domain/imports/paper-form-sheet.ts';
import { SUBJECT_HEADER } from '../../domain/imports/subject-sheet.ts';
import { verifyLedger } from '../../infra/ledger/verify.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { eventually, registeredServiceRecord } from '../support/fixtures.ts';
import { addStaffMember, DISTRICT_SUPERVISOR, staff } from '../support/staff.ts';
import { postMultipart } from '../support/evidence-files.ts';
import { workbookOf, type CellInput } from '../support/workbooks.ts';

const NOW = new Date('2026-11-26T10:00:00+08:00');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('importing ratings from Excel in the task list (issue 5)', () => {
  let world: RatingApi;
  /** Pokes of the case starter: the server's signal that cases wait to be started in the engine. */
  let casePokes = 0;

  before(async () => {
    world = await startRatingApi('hcp_test_db_imports_api', { onCaseOpened: () => (casePokes += 1) });
    world.setNow(NOW);
    await addStaffMember(world.db, DISTRICT_SUPERVISOR);
  });

  after(() => world.stop());

  /** Uploads `file` as `userId` (none: no session); `fields` beside it (archive). */
  async function upload(
    kind: string,
    file: Buffer | undefined,
    userId: string | undefined,
    fields: Record<string, string> = {},
    fileName = '书面评价表.xlsx',
  ) {
    return postMultipart(world.api, `/api/imports/${kind}`, {
      file: file && { content: file, fileName, type: XLSX },
      fields,
      userId,
    });
  }

  const registered = (overrides: Record<string, unknown> = {}) =>
    registeredServiceRecord(world.api, overrides);

  const count = async (table: string) => Number((await world.db(table).count({ n: '*' }))[0]!.n);
  const paperForms = (rows: Record<string, CellInput>[]) => workbookOf(PAPER_FORM_HEADER, rows);

  it('given a supervisor uploading paper forms, then good rows are stored under their account, a bad row is reported with its row number, id and Chinese message, and the same file again stores nothing twice', async () => {
    const good = await registered();
    const bad = await registered();
    const file = await paperForms([
      { 办件编号: good, 评价等级: '满意', 评价日期: '2026-11-25' },
      { 办件编号: bad, 评价等级: '不满意', 评价日期: '2026-11-25' },
      {
        办件编号: await registered(),
        评价等级: '非常不满意',
        标签: '态度生硬',
        文字评价: '窗口无人',
        评价日期: '2026-11-25',
      },
    ]);
    const pokesBefore = casePokes;
    const first = await upload('paper-forms', file, 'sun.li');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.total, 3);
    assert.equal(first.body.stored, 2);
    assert.equal(first.body.casesOpened, 1);
    assert.ok(casePokes > pokesBefore, 'the case starter is told at once, not at its next poll');
    const opened = await world.db('outbox').where({ kind: 'start-case' }).count({ n: '*' }).first();
    assert.ok(Number(opened!.n) >= 1, 'the start order waits in the outbox');
    assert.deepEqual(
      first.body.refused.map((row: Record<string, unknown>) => [row.rowNumber, row.errorId]),
      [[3, 'evaluation.bad_review_needs_content']],
    );
    assert.match(first.body.refused[0].message, /差评.*须勾选评价内容或填写文字评价/);
    const stored = await world.db('evaluations').where({ service_record_id: good }).first();
    assert.equal(stored.channel, 'paper-form');
    assert.equal(await world.db('evaluations').where({ service_record_id: bad }).first(), undefined);
    const run = await world.db('rating_imports').where({ id: first.body.importId }).first();
    assert.equal(run.imported_by, 'sun.li');
    assert.equal(run.file_name, '书面评价表.xlsx');
    assert.equal(run.opens_cases, true);

    const again = await upload('paper-forms', file, 'sun.li');
    assert.equal(again.status, 200);
    assert.deepEqual([again.body.stored, again.body.skipped, again.body.refused.length], [0, 2, 1]);
    assert.equal(
      await world
        .db('evaluations')
        .where({ service_record_id: good })
        .count({ n: '*' })
        .first()
        .then((row) => Number(row!.n)),
      1,
    );

    const listed = await (await staff(world.api, 'sun.li')).get('/api/imports');
    assert.equal(listed.status, 200);
    const [latest, earlier] = listed.body.runs;
    assert.equal(latest.id, again.body.importId);
    assert.equal(earlier.id, first.body.importId);
    assert.equal(earlier.importedByName, '孙丽');
    assert.equal(earlier.kind, 'paper-form');
    assert.deepEqual(
      [earlier.result.total, earlier.result.stored, earlier.result.skipped, earlier.result.refused],
      [3, 2, 0, 1],
    );
    assert.equal((await verifyLedger(world.db)).ok, true);
  });

  it("given paper forms of which one was filled in with a staff member's own phone, then once imported that rating is flagged for the supervisors, as one taken in over HTTP would be (art. 23)", async () => {
    const own = await registered();
    const other = await registered();
    const file = await paperForms([
      // 王芳 (wang.fang, xa-market)'s work phone in the demo data.
      { 办件编号: own, 评价等级: '非常满意', 实名: '是', 评价人: '王五', 联系电话: '13991000101' },
      { 办件编号: other, 评价等级: '满意' },
    ]);
    const answer = await upload('paper-forms', file, 'sun.li');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.stored, 2);
    const [rating] = await world.db('evaluations').where({ service_record_id: own });
    const flag = await eventually(
      async () => world.db('fraud_flags').where({ evaluation_id: rating.id, signal: 'staff-phone' }).first(),
      { what: 'the staff-phone flag of the imported rating' },
    );
    assert.equal(flag.details.userId, 'wang.fang');
    const [plain] = await world.db('evaluations').where({ service_record_id: other });
    assert.deepEqual(await world.db('fraud_flags').where({ evaluation_id: plain.id }), []);
  });

  it('given a district supervisor, then their district’s 办件 are stored and another unit’s 办件 or institution is refused as outside their jurisdiction', async () => {
    const district = await registered({
      itemCode: 'YT-RS-0001',
      handlingDepartmentId: 'yt-hrss',
      institutionId: 'yt-center-w01',
    });
    const city = await registered();
    const forms = await upload(
      'paper-forms',
      await paperForms([
        { 办件编号: district, 评价等级: '满意', 评价日期: '2026-11-25' },
        { 办件编号: city, 评价等级: '满意', 评价日期: '2026-11-25' },
      ]),
      DISTRICT_SUPERVISOR.id,
    );
    assert.equal(forms.status, 200, JSON.stringify(forms.body));
    assert.equal(forms.body.stored, 1);
    assert.deepEqual(
      forms.body.refused.map((row: Record<string, unknown>) => [row.rowNumber, row.errorId, row.details]),
      [[3, 'import.outside_jurisdiction', { departmentId: 'xa-market' }]],
    );
    assert.match(forms.body.refused[0].message, /不属于您所辖地区/);
    assert.ok(await world.db('evaluations').where({ service_record_id: district }).first());
    assert.equal(await world.db('evaluations').where({ service_record_id: city }).first(), undefined);

    const comment = (subject: string) => ({
      来源编号: `YJX-${randomUUID().slice(0, 8)}`,
      渠道: '意见箱',
      评价对象类型: '服务机构',
      评价对象编号: subject,
      评价等级: '满意',
    });
    const inside = comment('yt-center-w01');
    const outside = comment('xa-hall-w01');
    const comments = await upload(
      'public-comments',
      await workbookOf(SUBJECT_HEADER, [inside, outside]),
      DISTRICT_SUPERVISOR.id,
    );
    assert.equal(comments.status, 200, JSON.stringify(comments.body));
    assert.equal(comments.body.stored, 1);
    assert.deepEqual(
      comments.body.refused.map((row: Record<string, unknown>) => row.errorId),
      ['import.outside_jurisdiction'],
    );
    assert.ok(await world.db('subject_evaluations').where({ source_ref: inside.来源编号 }).first());
    assert.equal(
      await world.db('subject_evaluations').where({ source_ref: outside.来源编号 }).first(),
      undefined,
    );
  });

  it('given a district supervisor, then a rating that would reach another district’s unit is refused: of a platform built by the city, of a batch with a city 办件, or a city row imported before (not told as skipped)', async () => {
    const district = {
      itemCode: 'YT-RS-0001',
      handlingDepartmentId: 'yt-hrss',
      institutionId: 'yt-center-w01',
    };
    const onCityPlatform = await registered({ ...district, channel: 'online', platformId: 'xa-online-hall' });
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const inMixedBatch = await registered({ ...district, batchId });
    await registered({ itemCode: 'YT-RS-0001', batchId });
    const cityRow = { 办件编号: await registered(), 评价等级: '满意', 评价日期: '2026-11-25' };
    const byCity = await upload('paper-forms', await paperForms([cityRow]), 'sun.li');
    assert.equal(byCity.body.stored, 1, JSON.stringify(byCity.body));

    const before = await count('evaluations');
    const refused = await upload(
      'paper-forms',
      await paperForms([
        { 办件编号: onCityPlatform, 评价对象: '政务服务平台', 评价等级: '满意', 评价日期: '2026-11-25' },
        { 办件编号: inMixedBatch, 评价等级: '满意', 评价日期: '2026-11-25' },
        cityRow,
      ]),
      DISTRICT_SUPERVISOR.id,
    );
    assert.equal(refused.status, 200, JSON.stringify(refused.body));
    assert.deepEqual([refused.body.stored, refused.body.skipped], [0, 0]);
    assert.deepEqual(
      refused.body.refused.map((row: Record<string, any>) => [
        row.rowNumber,
        row.errorId,
        row.details.departmentId,
      ]),
      [
        [2, 'import.outside_jurisdiction', 'xa-bigdata'],
        [3, 'import.outside_jurisdiction', 'xa-market'],
        [4, 'import.outside_jurisdiction', 'xa-market'],
      ],
    );
    assert.equal(await count('evaluations'), before);
  });

  it('given a district supervisor, then the latest imports are their district’s staff’s, while a city supervisor sees every run', async () => {
    const mine = await upload(
      'paper-forms',
      await paperForms([
        {
          办件编号: await registered({ itemCode: 'YT-RS-0001', handlingDepartmentId: 'yt-hrss' }),
          评价等级: '满意',
        },
      ]),
      DISTRICT_SUPERVISOR.id,
    );
    const city = await upload(
      'paper-forms',
      await paperForms([{ 办件编号: await registered(), 评价等级: '满意' }]),
      'sun.li',
    );
    const runsOf = async (userId: string) =>
      ((await (await staff(world.api, userId)).get('/api/imports')).body.runs as { id: string }[]).map(
        (run) => run.id,
      );
    const district = await runsOf(DISTRICT_SUPERVISOR.id);
    assert.ok(district.includes(mine.body.importId));
    assert.ok(!district.includes(city.body.importId));
    const all = await runsOf('sun.li');
    assert.ok(all.includes(mine.body.importId) && all.includes(city.body.importId));
  });

  it('given an archive asked for in another spelling, a file of more rows than an upload takes, or a file name with control characters, then 400 or 413 and nothing stored, or the name stored cleaned', async () => {
    const id = await registered();
    const file = await paperForms([{ 办件编号: id, 评价等级: '不满意', 文字评价: '排队太久' }]);
    const before = await Promise.all(['rating_imports', 'evaluations'].map(count));
    for (const spelling of ['TRUE', '1', 'yes']) {
      const loose = await upload('paper-forms', file, 'admin', { archive: spelling });
      assert.equal(loose.status, 400, spelling);
      assert.equal(loose.body.error.id, 'request.invalid', spelling);
    }
    const many = await paperForms(
      Array.from({ length: 50_001 }, (_, index) => ({ 办件编号: `SR-NONE-${index}`, 评价等级: '满意' })),
    );
    const tooMany = await upload('paper-forms', many, 'sun.li');
    assert.equal(tooMany.status, 413);
    assert.equal(tooMany.body.error.id, 'import.too_many_rows');
    assert.equal(tooMany.body.error.details.maxRows, 50_000);
    assert.match(tooMany.body.error.message, /拆分/);
    assert.deepEqual(await Promise.all(['rating_imports', 'evaluations'].map(count)), before);

    // A NUL in the part's header is no multipart at all; one in an encoded name (filename*) is taken out.
    const broken = await upload('paper-forms', file, 'sun.li', {}, '11月\u0000表.xlsx');
    assert.equal(broken.status, 400);
    assert.equal(broken.body.error.id, 'attachment.malformed_upload');
    const boundary = 'hcp-test-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename*=UTF-8''11%E6%9C%88%00%07%E8%A1%A8.xlsx\r\n` +
          `content-type: ${XLSX}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await fetch(`${world.api}/api/imports/paper-forms`, {
      method: 'POST',
      headers: {
        ...(await staff(world.api, 'sun.li')).headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    });
    const named = (await response.json()) as Record<string, any>;
    assert.equal(response.status, 200, JSON.stringify(named));
    const run = await world.db('rating_imports').where({ id: named.importId }).first();
    assert.equal(run.file_name, '11月表.xlsx');
  });

  it('given an admin importing an archive, then its 差评 is stored and opens no case, and a supervisor may not import one', async () => {
    const id = await registered();
    const file = await paperForms([
      { 办件编号: id, 评价等级: '不满意', 文字评价: '排队太久', 评价日期: '2026-11-25' },
    ]);
    const refused = await upload('paper-forms', file, 'sun.li', { archive: 'true' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.id, 'auth.forbidden');
    assert.equal(await world.db('evaluations').where({ service_record_id: id }).first(), undefined);
    const archived = await upload('paper-forms', file, 'admin', { archive: 'true' });
    assert.equal(archived.status, 200, JSON.stringify(archived.body));
    assert.deepEqual([archived.body.stored, archived.body.casesOpened, archived.body.archive], [1, 0, true]);
    const rating = await world.db('evaluations').where({ service_record_id: id }).first();
    assert.equal(await world.db('cases').where({ evaluation_id: rating.id }).first(), undefined);
  });

  it('given a request refused as a whole (no session, a unit’s staff, no file, an unknown kind, not a workbook, a column missing), then a 4xx with a stable id and nothing is recorded', async () => {
    const id = await registered();
    const file = await paperForms([{ 办件编号: id, 评价等级: '满意' }]);
    const before = await Promise.all(['rating_imports', 'evaluations'].map(count));
    const cases: [string, Awaited<ReturnType<typeof upload>>, number, string][] = [
      ['no session', await upload('paper-forms', file, undefined), 401, 'auth.required'],
      ['unit staff', await upload('paper-forms', file, 'wang.fang'), 403, 'auth.forbidden'],
      ['no file', await upload('paper-forms', undefined, 'sun.li'), 400, 'attachment.file_required'],
      ['unknown kind', await upload('receipts', file, 'sun.li'), 404, 'import.unknown_kind'],
      [
        'not a workbook',
        await upload('paper-forms', Buffer.from('办件编号,评价等级\n'), 'sun.li'),
        400,
        'import.file_unreadable',
      ],
      [
        'a column missing',
        await upload('paper-forms', await workbookOf(['办件编号'], [{ 办件编号: id }]), 'sun.li'),
        400,
        'import.missing_columns',
      ],
    ];
    for (const [what, response, status, errorId] of cases) {
      assert.equal(response.status, status, `${what}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.error.id, errorId, what);
      assert.match(response.body.error.message, /[\u4e00-\u9fff]/, what);
    }
    assert.deepEqual(await Promise.all(['rating_imports', 'evaluations'].map(count)), before);
  });

  it('given a supervisor, when they download a template, then it is the .xlsx `hcp import template` writes, named in Chinese', async () => {
    const response = await fetch(`${world.api}/api/imports/templates/paper-forms`, {
      headers: (await staff(world.api, 'sun.li')).headers,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), XLSX);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      new RegExp(encodeURIComponent('书面评价表导入模板.xlsx')),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const header = (book.getWorksheet('评价')!.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, [...PAPER_FORM_HEADER]);
    const forbidden = await fetch(`${world.api}/api/imports/templates/paper-forms`, {
      headers: (await staff(world.api, 'wang.fang')).headers,
    });
    assert.equal(forbidden.status, 403);
  });
});
