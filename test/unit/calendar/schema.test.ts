// calendars/schema.json describes the same files that validate.ts accepts.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateNoticeFile, validateRegionFile } from '../../../domain/calendar/index.ts';
import { DEFAULT_CALENDAR_DIR } from '../../../infra/calendar-files.ts';
import { realNotice } from './helpers.ts';
import { schemaErrors } from './json-schema-subset.ts';

const schema = JSON.parse(readFileSync(join(DEFAULT_CALENDAR_DIR, 'schema.json'), 'utf8')) as Record<
  string,
  unknown
>;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('calendars/schema.json', () => {
  it('given the schema, when read, then it is draft 2020-12 with a notice and a region definition', () => {
    assert.equal(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(
      Object.keys(schema['$defs'] as object).filter((key) => key.endsWith('File')),
      ['noticeFile', 'regionFile'],
    );
  });

  it('given every shipped data file and the test fixture, when checked against the schema, then all conform', () => {
    const files = [
      ...readdirSync(join(DEFAULT_CALENDAR_DIR, 'cn')).map((name) => join(DEFAULT_CALENDAR_DIR, 'cn', name)),
      ...readdirSync(join(DEFAULT_CALENDAR_DIR, 'regions')).map((name) =>
        join(DEFAULT_CALENDAR_DIR, 'regions', name),
      ),
      fileURLToPath(new URL('fixtures/region-local-day-off.json', import.meta.url)),
    ];
    for (const file of files) assert.deepEqual(schemaErrors(schema, readJson(file)), [], file);
  });

  it('given structurally broken files, when checked, then the schema and validate.ts both refuse them', () => {
    const broken: unknown[] = [
      { ...realNotice(2026), year: '2026' },
      { ...realNotice(2026), holiday: [] },
      { ...realNotice(2026), region: 'xian' },
      { ...realNotice(2026), makeupWorkdays: [{ date: '2026-1-4', for: '元旦' }] },
      { ...realNotice(2026), holidays: [{ name: '', from: '2026-01-01', to: '2026-01-03' }] },
      { ...realNotice(2026), notice: { number: '国办发明电〔2025〕7号' } },
      { region: 'Xian', name: '西安市', description: '说明', daysOff: [], workdays: [] },
      {
        region: 'xian',
        name: '西安市',
        description: '说明',
        daysOff: [{ from: '2026-03-10', to: '2026-03-10', reason: '活动' }],
        workdays: [],
      },
    ];
    for (const data of broken) {
      assert.notDeepEqual(schemaErrors(schema, data), [], JSON.stringify(data).slice(0, 80));
      assert.equal(
        validateNoticeFile(data).ok || validateRegionFile(data).ok,
        false,
        JSON.stringify(data).slice(0, 80),
      );
    }
  });
});
