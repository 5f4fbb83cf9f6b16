// `hcp calendar load` and `hcp calendar add|is-working` against a real database: a load is stored with
// who and when, a contradictory file is refused (exit 2) naming the day and the rule, and once a notice is
// loaded the command line answers with it, as the running system does. The engine is a port nothing
// listens on: nothing in this database waits in an engine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createWorkingCalendar,
  overlayCalendarData,
  readCalendarFile,
  type WorkingCalendar,
} from '../../domain/calendar/index.ts';
import { runCalendarCommand } from '../../cli/calendar.ts';
import { runCalendarLoadCommand } from '../../cli/calendar-load.ts';
import { DEFAULT_CALENDAR_DIR, loadCalendarFiles } from '../../infra/calendar-files.ts';
import { freshAppDatabase } from '../support/databases.ts';
import type { Db } from '../../infra/db.ts';
import { freePort } from '../support/ports.ts';

const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const NOTICE_2027 = fixturePath('cn-2027.json');
const CONTRADICTORY_2027 = fixturePath('cn-2027-contradictory.json');
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The day before 除夕 2027: one working day after it falls inside 春节, where the fixture notice (5–14
// February off) differs from the statutory fallback (除夕 to 初三 only), and so does 10 February (初四).
const START = '2027-02-04';
const AFTER_NEW_YEAR = '2027-02-10';

interface Captured {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function captured(
  run: (out: { log(line: string): void; error(line: string): void }) => Promise<number>,
) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run({ log: (line) => stdout.push(line), error: (line) => stderr.push(line) });
  return { code, stdout, stderr } satisfies Captured;
}

describe('hcp calendar load and the command line calendar against the database (calendar)', () => {
  let db: Db;
  let environment: NodeJS.ProcessEnv;
  /** calendars/ with the notices 2021–2026 only, whatever calendars/cn holds by the time this runs. */
  let calendarDir: string;
  let without2027: WorkingCalendar;
  let with2027: WorkingCalendar;

  const load = (args: string[]) =>
    captured((out) => runCalendarLoadCommand(args, out, { environment, calendarDir }));
  const ask = (args: string[], env: NodeJS.ProcessEnv = environment) =>
    captured((out) => runCalendarCommand(args, out, { environment: env, calendarDir }));

  beforeEach(async () => {
    let url: string;
    ({ db, url } = await freshAppDatabase('hcp_test_calendar_cli'));
    environment = { DATABASE_URL: url, ENGINE_URL: `http://127.0.0.1:${await freePort()}` };
    calendarDir = mkdtempSync(join(tmpdir(), 'hcp-calendar-cli-'));
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) {
      cpSync(join(DEFAULT_CALENDAR_DIR, 'cn', `${year}.json`), join(calendarDir, 'cn', `${year}.json`));
    }
    cpSync(join(DEFAULT_CALENDAR_DIR, 'regions'), join(calendarDir, 'regions'), { recursive: true });
    const files = loadCalendarFiles(calendarDir);
    without2027 = createWorkingCalendar(files, files.labels);
    const notice = readCalendarFile(JSON.parse(readFileSync(NOTICE_2027, 'utf8')), 'cn-2027.json');
    assert.ok(notice.ok, 'the fixture is a valid notice');
    with2027 = createWorkingCalendar(overlayCalendarData(files, [notice.value]));
  });

  afterEach(async () => {
    rmSync(calendarDir, { recursive: true, force: true });
    await db.destroy();
  });

  it('given a valid notice, when it is loaded with --by, then it is stored with who and when, and exit code 0', async () => {
    const before = Date.now();

    const result = await load(['load', NOTICE_2027, '--by', '王五（市行政审批服务局）']);

    assert.equal(result.code, 0, result.stderr.join('\n'));
    assert.match(result.stdout[0] ?? '', /已载入2027 年全国放假通知/);
    const rows = await db('calendar_notices');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].year, 2027);
    assert.equal(rows[0].loaded_by, '王五（市行政审批服务局）');
    const loadedAt = new Date(rows[0].loaded_at).getTime();
    assert.ok(loadedAt >= before - 1000 && loadedAt <= Date.now() + 1000, 'loaded now');
  });

  it('given a file with a day both off and working and a make-up day on a Thursday, when it is loaded, then exit code 2, each day and rule named, nothing loaded', async () => {
    const result = await load(['load', CONTRADICTORY_2027, '--by', '王五']);

    assert.equal(result.code, 2);
    const message = result.stderr.join('\n');
    assert.match(message, /2027-02-06.*calendar\.makeup_is_holiday/);
    assert.match(message, /2027-02-04.*周四.*calendar\.makeup_not_weekend/);
    assert.equal((await db('calendar_notices')).length, 0);
  });

  it('given --check, when a valid and a contradictory file are checked without any database, then 0 and 2, and nothing is loaded', async () => {
    const noDatabase = (args: string[]) =>
      captured((out) => runCalendarLoadCommand(args, out, { environment: {}, calendarDir }));

    const valid = await noDatabase(['load', NOTICE_2027, '--check']);
    const invalid = await noDatabase(['load', '--check', CONTRADICTORY_2027]);

    assert.equal(valid.code, 0, valid.stderr.join('\n'));
    assert.match(valid.stdout.at(-1) ?? '', /校验通过/);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr.join('\n'), /2027-02-06.*calendar\.makeup_is_holiday/);
    assert.equal((await db('calendar_notices')).length, 0);
  });

  it('given DATABASE_URL, when the 2027 notice is loaded, then add and is-working answer with it: no longer provisional', async () => {
    const provisional = without2027.addWorkingDaysDetailed(START, 1);
    const certain = with2027.addWorkingDaysDetailed(START, 1);
    assert.equal(provisional.provisional, true);
    assert.equal(certain.provisional, false);
    assert.notEqual(certain.date, provisional.date, 'the notice must move this day');
    assert.notEqual(without2027.isWorkingDay(AFTER_NEW_YEAR), with2027.isWorkingDay(AFTER_NEW_YEAR));
    const before = await ask(['add', START, '1']);
    assert.equal(before.stdout.at(-1), `${provisional.date} provisional`);
    assert.equal(
      (await ask(['is-working', AFTER_NEW_YEAR])).stdout.at(-1),
      String(without2027.isWorkingDay(AFTER_NEW_YEAR)),
    );

    assert.equal((await load(['load', NOTICE_2027, '--by', '王五'])).code, 0);

    const after = await ask(['add', START, '1']);
    assert.equal(after.code, 0);
    assert.equal(after.stdout.at(-1), certain.date);
    const working = await ask(['is-working', AFTER_NEW_YEAR]);
    assert.equal(working.stdout.at(-1), String(with2027.isWorkingDay(AFTER_NEW_YEAR)));
    // when the database cannot be reached, then the files answer, and standard error says so
    const unreachable = `postgres://postgres@127.0.0.1:${await freePort()}/none`;
    const fallback = await ask(['add', START, '1'], { DATABASE_URL: unreachable });
    assert.equal(fallback.code, 0);
    assert.equal(fallback.stdout.at(-1), `${provisional.date} provisional`);
    assert.match(fallback.stderr.join('\n'), /无法读取数据库中已载入的放假通知/);
  });

  it('given the hcp command run as a child process, when a notice is loaded and then a date asked, then the last lines follow the database; with the database down, standard output holds the answer alone', async function () {
    this.timeout(120_000); // three Node processes, each compiling the CLI through tsx
    const hcp = (args: string[]) =>
      spawnSync(process.execPath, ['bin/hcp.js', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...environment },
        encoding: 'utf8',
      });
    const refused = hcp(['calendar', 'load', CONTRADICTORY_2027, '--by', '王五']);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /calendar\.makeup_not_weekend/);
    const loaded = hcp(['calendar', 'load', NOTICE_2027, '--by', '王五']);
    assert.equal(loaded.status, 0, loaded.stderr);

    // The child counts with the repository's calendars/ and the loaded notice, as the server would.
    const answer = hcp(['calendar', 'add', START, '1']);

    assert.equal(answer.status, 0, answer.stderr);
    const lastLine = answer.stdout.trimEnd().split('\n').at(-1);
    assert.equal(lastLine, with2027.addWorkingDaysDetailed(START, 1).date);

    // With the database down, standard output holds the answer alone: `$(hcp calendar add …)` takes it as it
    // is; the fallback's note, and nothing of the database driver, is on standard error.
    const unreachable = `postgres://postgres@127.0.0.1:${await freePort()}/none`;
    const fallback = spawnSync(process.execPath, ['bin/hcp.js', 'calendar', 'add', START, '1'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...environment, DATABASE_URL: unreachable },
      encoding: 'utf8',
    });
    assert.equal(fallback.status, 0, fallback.stderr);
    // It counts with the repository's calendars/ alone, whatever notices they hold by then.
    const files = loadCalendarFiles(DEFAULT_CALENDAR_DIR);
    const expected = createWorkingCalendar(files, files.labels).addWorkingDaysDetailed(START, 1);
    assert.equal(fallback.stdout, `${expected.date}${expected.provisional ? ' provisional' : ''}\n`);
    assert.match(fallback.stderr, /提示：无法读取数据库中已载入的放假通知/);
    assert.doesNotMatch(fallback.stderr, /Acquire connection error/);
  });
});
