// Benchmark (issue 5): bulk import of ratings — paper forms as the sheet reader hands them over (rows of
// text cells), through `hcp import paper-forms`' own path (infra/imports/paper-form-import.ts importRows:
// cells read, rules of the rating API, contacts encrypted, hash chain computed in memory, multi-row inserts
// in transactions of 10,000 holding the ledger lock) — beside the raw PostgreSQL rate of COPY of the same
// number of rows of the same columns into a plain table (psql, in the same run). Then `hcp ledger verify`'s
// verifyLedger over the result, which must be intact. Separately, for the record: reading the same rows
// from an .xlsx file with exceljs (what `hcp import` adds before importRows).
// Goal: ≥ 50,000 ratings/s. The database hcp_bench_import on the server named by DATABASE_URL (default
// postgres@127.0.0.1:5432) is dropped and rebuilt each run.
// Also the CPU each rating cost Node and PostgreSQL during the import (process.cpuUsage; the PostgreSQL
// processes' times from /proc, so only with the server on this Linux machine): on two cores the goal leaves
// 40 µs of both together per rating.
// Run: npx tsx bench/bulk-import.ts   (BENCH_IMPORT_ROWS, default 200,000; the last line is the figure)
import { spawn } from 'node:child_process';
import { postgresCpuSeconds } from './cpu.ts';
import { newRecordId } from '../infra/record-ids.ts';
import { dropDatabase, ensureDatabase } from '../infra/postgres.ts';
import { withDatabase } from '../infra/database-urls.ts';
import { createDb, migrateToLatest, type Db } from '../infra/db.ts';
import { seedDemoData } from '../infra/seed/seed.ts';
import { createProtector } from '../infra/protector.ts';
import { createPaperFormImport } from '../infra/imports/paper-form-import.ts';
import { readSheet } from '../infra/imports/xlsx-sheet.ts';
import { verifyLedger } from '../infra/ledger/verify.ts';
import { loadWorkingCalendar } from '../infra/deadlines.ts';
import { PAPER_FORM_HEADER, PAPER_FORM_LAYOUT } from '../domain/imports/paper-form-sheet.ts';
import { workbook } from '../test/support/workbooks.ts';
import type { SheetRow } from '../domain/imports/cells.ts';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'hcp_bench_import';
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const XLSX_ROWS = Math.min(ROWS, 20_000);
const LEVELS = ['非常满意', '满意', '满意', '非常满意', '基本满意'];

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

async function seedServiceRecords(db: Db): Promise<void> {
  await db.raw(
    `insert into service_records (id, item_code, handling_department_id, institution_id, channel, accepted_at,
            completed_at)
     select 'SR-B-' || g, 'XA-SC-0001', 'xa-market', 'xa-hall-w01', 'window', timestamptz '2026-11-20 09:00+08',
            timestamptz '2026-11-20 10:00+08'
       from generate_series(0, ? - 1) g`,
    [ROWS],
  );
  await db.raw('vacuum analyze service_records');
}

/** A paper form as the sheet reader gives it: a third real-name with contact, 1 % 差评, a quarter with dimensions. */
function formRow(index: number): SheetRow {
  const cells: Record<string, string> = { 办件编号: `SR-B-${index}`, 评价日期: '2026-11-21 10:30' };
  if (index % 100 === 7) {
    cells.评价等级 = '不满意';
    cells.标签 = '态度生硬、窗口空岗';
    cells.文字评价 = '等候时间过长';
  } else cells.评价等级 = LEVELS[index % LEVELS.length]!;
  if (index % 3 === 0) {
    cells.实名 = '是';
    cells.评价人 = '张三';
    cells.联系电话 = `138${String(index).padStart(8, '0')}`;
  }
  if (index % 4 === 0) {
    cells.服务态度 = '非常满意';
    cells.服务效率 = '满意';
  }
  if (index % 5 === 0) cells.标签 = '热情周到、一次办好';
  return { rowNumber: index + 2, cells };
}

/** COPY of ROWS rows of the evaluations columns into a plain table, through psql from standard input. */
async function rawCopy(db: Db, rows: readonly string[]): Promise<number> {
  await db.raw('drop table if exists bench_copy');
  await db.raw('create table bench_copy (like evaluations)');
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const psql = spawn(
      'psql',
      [withDatabase(SERVER_URL, DATABASE), '-q', '-c', 'copy bench_copy from stdin'],
      {
        stdio: ['pipe', 'inherit', 'inherit'],
      },
    );
    psql.on('error', reject);
    psql.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}`))));
    for (const line of rows) psql.stdin.write(line);
    psql.stdin.end();
  });
  const rate = rows.length / seconds(started);
  await db.raw('drop table bench_copy');
  return rate;
}

/** The stored rows in COPY text format, so the raw COPY writes exactly the same bytes. */
async function copyLines(db: Db): Promise<string[]> {
  const result = await db.raw<{ rows: { line: string }[] }>(
    `select concat_ws(E'\\t', id, sequence, service_record_id, target, channel, level, tags, text, real_name,
            coalesce(rater_name_masked, '\\N'), coalesce(rater_name_encrypted, '\\N'),
            coalesce(rater_phone_masked, '\\N'), coalesce(rater_phone_encrypted, '\\N'), rated_at,
            previous_hash, hash, coalesce(attitude, '\\N'), coalesce(quality, '\\N'),
            coalesce(efficiency, '\\N'), coalesce(environment, '\\N')) || E'\\n' as line
       from evaluations order by sequence`,
  );
  return result.rows.map((row) => row.line);
}

await dropDatabase(SERVER_URL, DATABASE);
await ensureDatabase(SERVER_URL, DATABASE);
const db = createDb(withDatabase(SERVER_URL, DATABASE), 2);
try {
  await migrateToLatest(db);
  await seedDemoData(db);
  await seedServiceRecords(db);
  const calendar = loadWorkingCalendar();
  const importer = createPaperFormImport({
    db,
    protector: createProtector('b'.repeat(64)),
    clock: () => new Date('2026-11-26T10:00:00+08:00'),
    newId: newRecordId,
    workingCalendar: () => Promise.resolve(calendar),
  });
  const rows = Array.from({ length: ROWS }, (_, index) => formRow(index));
  const request = { file: Buffer.alloc(0), fileName: 'bench.xlsx', importedBy: 'bench' };

  const cpuBefore = { node: process.cpuUsage(), postgres: postgresCpuSeconds() };
  const started = process.hrtime.bigint();
  const report = await importer.importRows(rows, request);
  const importSeconds = seconds(started);
  const nodeCpu = process.cpuUsage(cpuBefore.node);
  const postgresCpu = postgresCpuSeconds() - cpuBefore.postgres;
  if (report.stored !== ROWS)
    throw new Error(`stored ${report.stored} of ${ROWS}: ${JSON.stringify(report.refused.slice(0, 3))}`);
  const importRate = ROWS / importSeconds;
  console.log(`imported ${format.format(ROWS)} paper forms in ${importSeconds.toFixed(2)} s`);
  const cpuPerRating =
    `CPU per rating: Node ${((nodeCpu.user + nodeCpu.system) / ROWS).toFixed(1)} µs, ` +
    `PostgreSQL ${((postgresCpu * 1e6) / ROWS).toFixed(1)} µs`;
  console.log(`${cpuPerRating} (PostgreSQL: all its processes on this machine)`);

  const again = process.hrtime.bigint();
  const repeat = await importer.importRows(rows, request);
  console.log(
    `imported again: stored ${repeat.stored}, skipped ${format.format(repeat.skipped)} in ${seconds(again).toFixed(2)} s`,
  );

  const copyRate = await rawCopy(db, await copyLines(db));
  const verified = await verifyLedger(db);
  if (!verified.ok || verified.rows !== ROWS) throw new Error(`verify failed: ${JSON.stringify(verified)}`);
  console.log(`ledger verify: ok ${format.format(verified.rows)} in ${verified.seconds.toFixed(2)} s`);

  const file = await workbook(
    PAPER_FORM_HEADER,
    rows.slice(0, XLSX_ROWS).map((row) => PAPER_FORM_HEADER.map((column) => row.cells[column] ?? null)),
  );
  const read = process.hrtime.bigint();
  const sheet = await readSheet(file, PAPER_FORM_LAYOUT);
  console.log(
    `reading .xlsx (exceljs): ${format.format(sheet.rows.length / seconds(read))} rows/s over ${format.format(XLSX_ROWS)} rows`,
  );
  console.log(
    `bulk import: ${format.format(importRate)} ratings/s (raw PostgreSQL COPY ${format.format(copyRate)} rows/s); ledger verify ok ${verified.rows}; ${cpuPerRating}`,
  );
} finally {
  await db.destroy();
}
