// `hcp calendar add|is-working`: answers alone on the last line, bad input → Chinese message and exit code 2.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCalendarCommand } from '../../../cli/calendar.ts';
import { DEFAULT_CALENDAR_DIR } from '../../../infra/calendar-files.ts';

interface Captured {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function run(args: string[], calendarDir?: string): Promise<Captured> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = { log: (line: string) => stdout.push(line), error: (line: string) => stderr.push(line) };
  // No DATABASE_URL: the unit tier answers from the files alone (test/db/calendar-cli.test.ts: the database).
  const options = { environment: {}, ...(calendarDir === undefined ? {} : { calendarDir }) };
  const code = await runCalendarCommand(args, out, options);
  return { code, stdout, stderr };
}

describe('cli: hcp calendar', () => {
  it('given add 2026-09-30 1, when run, then the last line is 2026-10-08', async () => {
    const result = await run(['add', '2026-09-30', '1']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.at(-1), '2026-10-08');
  });

  it('given add over 春节 with N = 0 and N = 5, when run, then the dates follow the notice', async () => {
    assert.equal((await run(['add', '2026-02-15', '0'])).stdout.at(-1), '2026-02-24');
    assert.equal((await run(['add', '2026-02-13', '5'])).stdout.at(-1), '2026-02-27');
  });

  it('given a count into a year without notice, when run, then the last line is "YYYY-MM-DD provisional"', async () => {
    // Only the notices 2021–2026, whatever calendars/cn holds by the time this runs.
    const dir = mkdtempSync(join(tmpdir(), 'hcp-cli-calendars-'));
    try {
      for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) {
        cpSync(join(DEFAULT_CALENDAR_DIR, 'cn', `${year}.json`), join(dir, 'cn', `${year}.json`));
      }
      const result = await run(['add', '2026-12-30', '3'], dir);
      assert.equal(result.code, 0);
      assert.equal(result.stdout.at(-1), '2027-01-05 provisional');
      assert.match(result.stderr.join('\n'), /暂定/);
      assert.equal((await run(['is-working', '2027-02-05'], dir)).stdout.at(-1), 'false');
      // A late-December day of 2026 waits for the 2027 notice, which may still decide it: the hint names 2027.
      const lateDecember = await run(['is-working', '2026-12-28'], dir);
      assert.equal(lateDecember.stdout.at(-1), 'true');
      assert.match(lateDecember.stderr.join('\n'), /2027 年的国务院放假通知尚未载入/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given is-working on the make-up Saturday 2026-02-14 and on 2026-02-16, when run, then true and false', async () => {
    assert.deepEqual((await run(['is-working', '2026-02-14'])).stdout, ['true']);
    assert.deepEqual((await run(['is-working', '2026-02-16'])).stdout, ['false']);
  });

  const badInputs: [string[], RegExp][] = [
    [['add', '2026-02-30', '1'], /2026-02-30/],
    [['add', '2026/02/03', '1'], /2026\/02\/03/],
    [['add', '2026-03-02', '-1'], /负数/],
    [['add', '2026-03-02', '1.5'], /非负整数/],
    [['add', '2026-03-02', 'abc'], /非负整数/],
    [['add', '2026-03-02', '3651'], /过大/],
    [['add', '2026-03-02'], /缺少工作日数/],
    [['add'], /缺少日期/],
    [['add', '2026-03-02', '1', 'extra'], /多余的参数/],
    [['is-working', '2026-13-01'], /2026-13-01/],
    [['is-working', '1999-12-31'], /超出日历支持范围/],
    [['add', '2099-12-28', '30'], /超出日历支持范围/],
    [['frobnicate'], /未知的子命令/],
    [[], /缺少子命令/],
  ];
  for (const [args, message] of badInputs) {
    it(`given bad input ${JSON.stringify(args)}, when run, then a Chinese message and exit code 2`, async () => {
      const result = await run(args);
      assert.equal(result.code, 2);
      assert.deepEqual(result.stdout, []);
      assert.match(result.stderr[0] ?? '', message);
      assert.match(result.stderr[0] ?? '', /^错误：/);
    });
  }

  it('given N = 3650, when run, then it is accepted', async () => {
    assert.equal((await run(['add', '2026-03-02', '3650'])).code, 0);
  });
});
