// Loading calendars/ from disk: the real files load; a bad file refuses the whole set, naming file, day and rule.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarDataError } from '../../../domain/calendar/index.ts';
import { DEFAULT_CALENDAR_DIR, loadCalendarFiles } from '../../../infra/calendar-files.ts';
import { realNotice } from './helpers.ts';

function assertRefused(dir: string, expected: { file: string; id: string; date?: string }): void {
  assert.throws(
    () => loadCalendarFiles(dir),
    (error: unknown) => {
      assert.ok(error instanceof CalendarDataError);
      const issue = error.issues.find((candidate) => candidate.id === expected.id);
      assert.ok(issue, `expected ${expected.id} in:\n${error.message}`);
      assert.equal(issue.file, expected.file);
      assert.ok(error.message.includes(expected.file), 'the message names the file');
      if (expected.date !== undefined)
        assert.ok(error.message.includes(expected.date), 'the message names the day');
      return true;
    },
  );
}

describe('loading calendar files', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hcp-calendars-'));
    cpSync(DEFAULT_CALENDAR_DIR, dir, { recursive: true });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("given the repository calendars/, when loaded, then every notice from 2021 and the Xi'an layer come back", () => {
    const files = loadCalendarFiles();
    const years = files.national.map((notice) => notice.year);
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026]) assert.ok(years.includes(year), String(year));
    assert.deepEqual(
      files.regional.map((region) => region.region),
      ['xian'],
    );
    assert.equal(files.labels.national[years.indexOf(2026)], 'cn/2026.json');
    assert.equal(
      files.national.find((notice) => notice.year === 2026)?.notice.number,
      '国办发明电〔2025〕7号',
    );
  });

  it('given a notice with a weekday make-up day, when loaded, then refused naming file, day and rule', () => {
    const notice = realNotice(2026);
    notice.makeupWorkdays.push({ date: '2026-10-12', for: '国庆节' });
    writeFileSync(join(dir, 'cn', '2026.json'), JSON.stringify(notice));
    assertRefused(dir, { file: 'cn/2026.json', id: 'calendar.makeup_not_weekend', date: '2026-10-12' });
  });

  it('given a file whose name is not its year, when loaded, then calendar.file_name_mismatch', () => {
    writeFileSync(join(dir, 'cn', '2027.json'), JSON.stringify(realNotice(2021)));
    assertRefused(dir, { file: 'cn/2027.json', id: 'calendar.file_name_mismatch' });
  });

  it('given a file that is not JSON, when loaded, then calendar.invalid_json names it', () => {
    writeFileSync(join(dir, 'regions', 'xian.json'), '{ "region": "xian", ');
    assertRefused(dir, { file: 'regions/xian.json', id: 'calendar.invalid_json' });
  });

  it('given a directory without notices, when loaded, then refused', () => {
    rmSync(join(dir, 'cn'), { recursive: true });
    assert.throws(() => loadCalendarFiles(dir), CalendarDataError);
  });
});
