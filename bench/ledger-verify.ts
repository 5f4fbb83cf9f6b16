// Benchmark: `hcp ledger verify` over N ratings (default 500,000; BENCH_LEDGER_ROWS), beside the raw
// PostgreSQL rate of reading the same rows with the same COPY and doing nothing with them (and, for
// comparison, with the keyset pages verify used before).
// Goal: ≥ 200,000 rows/s verified. The database hcp_bench_ledger on the server named by DATABASE_URL
// (default postgres@127.0.0.1:5432) is dropped and rebuilt each run.
// Run: npx tsx bench/ledger-verify.ts   (the last line is the figure)
import { dropDatabase, ensureDatabase } from '../infra/postgres.ts';
import { withDatabase } from '../infra/database-urls.ts';
import { createDb, migrateToLatest, type Db } from '../infra/db.ts';
import { seedDemoData } from '../infra/seed/seed.ts';
import {
  DEFAULT_PAGE_SIZE,
  inLedgerSnapshot,
  LEDGER_COPY_SQL,
  readLedgerPage,
  verifyLedger,
} from '../infra/ledger/verify.ts';
import { copyOut } from '../infra/ledger/copy-out.ts';
import type { TextRow } from '../infra/ledger/text-rows.ts';
import { chainedLedgerRows } from '../test/support/ledger-rows.ts';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'hcp_bench_ledger';
const ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 500_000);
const INSERT_BATCH = 5_000;
const ROUNDS = 3;

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

async function seed(db: Db): Promise<void> {
  await db.raw(
    `insert into service_records (id, item_code, handling_department_id, channel, accepted_at)
     select 'SR-L-' || g, 'XA-SC-0001', 'xa-market', 'window', now() from generate_series(0, ? - 1) g`,
    [ROWS],
  );
  // The chain is computed here, as the store would, and inserted many rows per statement: the trigger
  // only refuses UPDATE and DELETE.
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    await db.raw(
      `insert into evaluations select * from json_populate_recordset(null::evaluations, ?::json)`,
      [JSON.stringify(batch)],
    );
    batch = [];
  };
  for (const row of chainedLedgerRows(ROWS)) {
    batch.push({
      id: row.id,
      sequence: String(row.sequence),
      service_record_id: row.serviceRecordId,
      target: row.target,
      channel: row.channel,
      level: row.level,
      tags: row.tags,
      text: row.text,
      real_name: row.realName,
      rater_name_masked: row.realName ? '张*' : null,
      rater_name_encrypted: row.raterNameEncrypted,
      rater_phone_masked: row.realName ? '138****5678' : null,
      rater_phone_encrypted: row.raterPhoneEncrypted,
      rated_at: row.ratedAt.toISOString(),
      ...row.dimensions,
      previous_hash: row.previousHash,
      hash: row.hash,
    });
    if (batch.length === INSERT_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await db.raw(`select setval('evaluations_sequence_seq', ?)`, [ROWS]);
  await db.raw('vacuum analyze evaluations');
}

/** The same COPY and transaction as verifyLedger; each row's line arrives and is not looked at. */
async function rawCopyRead(db: Db): Promise<{ rows: number; seconds: number }> {
  const started = process.hrtime.bigint();
  let rows = 0;
  await inLedgerSnapshot(db, (reader) =>
    copyOut(reader, LEDGER_COPY_SQL, () => {
      rows += 1;
    }),
  );
  return { rows, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The keyset pages verifyLedger read before it used COPY; rows arrive as text and are not looked at. */
async function rawRead(db: Db): Promise<{ rows: number; seconds: number }> {
  const started = process.hrtime.bigint();
  let rows = 0;
  await inLedgerSnapshot(db, async (reader) => {
    let after = '0';
    for (;;) {
      const page = await readLedgerPage(reader, after, DEFAULT_PAGE_SIZE);
      rows += page.length;
      if (page.length < DEFAULT_PAGE_SIZE) return;
      after = (page[page.length - 1] as TextRow)[1];
    }
  });
  return { rows, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

await dropDatabase(SERVER_URL, DATABASE);
await ensureDatabase(SERVER_URL, DATABASE);
const db = createDb(withDatabase(SERVER_URL, DATABASE), 2);
try {
  await migrateToLatest(db);
  await seedDemoData(db);
  const seedStarted = Date.now();
  await seed(db);
  console.log(
    `seeded ${format.format(ROWS)} chained ratings in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  await rawRead(db); // warm-up: table in the buffer cache, JIT warm
  await rawCopyRead(db);
  await verifyLedger(db);
  const rawRates: number[] = [];
  const pageRates: number[] = [];
  const verifyRates: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const pages = await rawRead(db);
    pageRates.push(pages.rows / pages.seconds);
    const raw = await rawCopyRead(db);
    rawRates.push(raw.rows / raw.seconds);
    const verified = await verifyLedger(db);
    if (!verified.ok || verified.rows !== ROWS) throw new Error(`verify failed: ${JSON.stringify(verified)}`);
    verifyRates.push(verified.rows / verified.seconds);
  }
  console.log(`rounds raw read, pages (rows/s): ${pageRates.map((rate) => format.format(rate)).join(', ')}`);
  console.log(`rounds raw read, COPY (rows/s): ${rawRates.map((rate) => format.format(rate)).join(', ')}`);
  console.log(`rounds verify (rows/s): ${verifyRates.map((rate) => format.format(rate)).join(', ')}`);
  console.log(
    `ledger verify: ${format.format(median(verifyRates))} rows/s (raw read ${format.format(median(rawRates))} rows/s)`,
  );
} finally {
  await db.destroy();
}
