// Child-process probe: chinese-days' isWorkday for every day of a range, printed as a string of 1/0.
// chinese-days reads dates in the process time zone and is only right under Asia/Shanghai (or UTC), so the
// parity test runs this script with TZ=Asia/Shanghai whatever the test process's own TZ is.
import chineseDays from 'chinese-days';
import { eachDate } from './helpers.ts';

const [from = '2021-01-01', to = '2026-12-31'] = process.argv.slice(2);
const flags = eachDate(from, to)
  .map((date) => (chineseDays.isWorkday(date) ? '1' : '0'))
  .join('');
process.stdout.write(
  JSON.stringify({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, from, to, flags }),
);
