// Integer date arithmetic: strict parsing and exact conversions, independent of Date and of TZ.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { epochDayFromCivil, formatEpochDay, tryParseIsoDate } from '../../../domain/calendar/index.ts';

describe('ISO dates as epoch days', () => {
  it('given real dates, when parsed, then the epoch day matches Date.UTC', () => {
    for (const date of ['1970-01-01', '2000-02-29', '2024-02-29', '2026-12-31', '2099-12-31', '1900-03-01']) {
      assert.equal(
        tryParseIsoDate(date),
        Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8)) / 86_400_000,
      );
    }
  });

  it('given malformed or impossible text, when parsed, then undefined', () => {
    const bad = [
      '2026-02-29',
      '2100-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-00-10',
      '2026-13-01',
      '2026-01-00',
      '2026-2-03',
      '2026-02-3',
      '20260203',
      ' 2026-02-03',
      '2026-02-03 ',
      '2026/02/03',
      '+026-02-03',
      '２０２６-02-03',
      '2026-02-03T00:00',
      '',
      'abcd-ef-gh',
    ];
    for (const text of bad) assert.equal(tryParseIsoDate(text), undefined, text);
    for (const value of [null, undefined, 20260203, {}]) assert.equal(tryParseIsoDate(value), undefined);
  });

  it('given any day 1900–2199, when formatted and parsed back, then it round-trips and agrees with Date.UTC', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: epochDayFromCivil(1900, 1, 1), max: epochDayFromCivil(2199, 12, 31) }),
        (day) => {
          const text = formatEpochDay(day);
          assert.equal(tryParseIsoDate(text), day);
          assert.equal(text, new Date(day * 86_400_000).toISOString().slice(0, 10));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
