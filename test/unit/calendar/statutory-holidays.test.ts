// The fallback for years without a notice: 《全国年节及纪念日放假办法》 in the version governing the year.
import assert from 'node:assert/strict';
import { formatEpochDay, holidayRuleVersionFor, statutoryDaysOff } from '../../../domain/calendar/index.ts';
import { eachDate, realCalendarFiles } from './helpers.ts';

function daysOff(year: number): string[] {
  return statutoryDaysOff(year).map((day) => `${formatEpochDay(day.epochDay)} ${day.name}`);
}

describe('statutory days off (全国年节及纪念日放假办法)', () => {
  it('given 2027 (2024 amendment), when listed, then 13 days: 元旦 1, 春节 4 from 除夕, 清明 1, 劳动 2, 端午 1, 中秋 1, 国庆 3', () => {
    assert.deepEqual(daysOff(2027), [
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('given years governed by older versions, when listed, then their rules apply', () => {
    assert.equal(holidayRuleVersionFor(2024).firstYear, 2014);
    assert.deepEqual(
      daysOff(2024).filter((day) => day.endsWith('春节')),
      ['2024-02-10 春节', '2024-02-11 春节', '2024-02-12 春节'],
    );
    assert.deepEqual(
      daysOff(2010).filter((day) => day.endsWith('春节')),
      ['2010-02-13 春节', '2010-02-14 春节', '2010-02-15 春节'],
    );
    assert.equal(
      daysOff(2005).some((day) => day.endsWith('清明节')),
      false,
    );
    assert.equal(daysOff(2005).filter((day) => day.endsWith('劳动节')).length, 3);
  });

  it('given 中秋 on 1 October (2020), when listed, then the day appears once', () => {
    const days = daysOff(2020);
    assert.equal(days.filter((day) => day.startsWith('2020-10-01')).length, 1);
    assert.equal(days.length, 10);
  });

  it('given the notices 2021–2026, when compared, then every statutory day lies inside one of the notice holidays', () => {
    for (const notice of realCalendarFiles().national.filter((n) => n.year >= 2021 && n.year <= 2026)) {
      const noticeDays = new Set(notice.holidays.flatMap((holiday) => eachDate(holiday.from, holiday.to)));
      for (const day of statutoryDaysOff(notice.year)) {
        const date = formatEpochDay(day.epochDay);
        assert.ok(noticeDays.has(date), `${date} ${day.name} is not a holiday in cn/${notice.year}.json`);
      }
    }
  });
});
