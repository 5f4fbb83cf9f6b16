// Benchmark: calendar.addWorkingDays with 1..30 working days from varied start dates (2021–2027, so counts
// cross 春节, 国庆 and into a year without a notice). Goal: ≥ 1,000,000 calls/s on one core.
// Run: npx tsx bench/calendar-add.ts   (the last line is the figure)
import { createWorkingCalendar, epochDayFromCivil, formatEpochDay } from '../domain/calendar/index.ts';
import { loadCalendarFiles } from '../infra/calendar-files.ts';

const files = loadCalendarFiles();
const calendar = createWorkingCalendar(files, files.labels);

// A deterministic spread of start dates (every day of 2021-01-01 … 2027-12-31, shuffled by a fixed LCG).
const first = epochDayFromCivil(2021, 1, 1);
const last = epochDayFromCivil(2027, 12, 31);
const starts = Array.from({ length: last - first + 1 }, (_, index) => formatEpochDay(first + index));
let seed = 42;
for (let index = starts.length - 1; index > 0; index -= 1) {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  const other = seed % (index + 1);
  [starts[index], starts[other]] = [starts[other] as string, starts[index] as string];
}

function run(calls: number): number {
  let checksum = 0;
  for (let call = 0; call < calls; call += 1) {
    const result = calendar.addWorkingDays(starts[call % starts.length] as string, (call % 30) + 1);
    checksum += result.charCodeAt(9);
  }
  return checksum;
}

const CALLS_PER_ROUND = 2_000_000;
const ROUNDS = 5;
run(CALLS_PER_ROUND); // warm-up: let the JIT optimise before measuring

const rates: number[] = [];
let checksum = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  const started = process.hrtime.bigint();
  checksum += run(CALLS_PER_ROUND);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rates.push(CALLS_PER_ROUND / seconds);
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)] as number;

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
console.log(
  `start dates: ${starts.length}, n: 1..30, rounds: ${ROUNDS} × ${format.format(CALLS_PER_ROUND)} calls`,
);
console.log(
  `rounds (calls/s): ${rates.map((rate) => format.format(rate)).join(', ')} (checksum ${checksum})`,
);
console.log(`calendar.addWorkingDays: ${format.format(median)} calls/s`);
