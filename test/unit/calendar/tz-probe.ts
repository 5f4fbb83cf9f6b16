// Child-process probe for the time-zone test: prints, as JSON, a fixed set of calendar answers computed from
// instants and dates. The test runs it under several TZ values and requires identical output.
import { createWorkingCalendar, createXianRatingWindow } from '../../../domain/calendar/index.ts';
import { loadCalendarFiles } from '../../../infra/calendar-files.ts';
import { eachDate } from './helpers.ts';

const files = loadCalendarFiles();
const calendar = createWorkingCalendar(files, files.labels);
const ratingWindow = createXianRatingWindow(calendar);
const answers: string[] = [];

for (const date of eachDate('2020-12-20', '2028-01-10').filter((_, index) => index % 2 === 0)) {
  const counts = [0, 1, 5, 15].map((n) => {
    const result = calendar.addWorkingDaysDetailed(date, n);
    return `${result.date}${result.provisional ? '?' : ''}`;
  });
  answers.push(`${date} ${String(calendar.isWorkingDay(date))} ${counts.join(' ')}`);
}

// Instants around midnight in Shanghai, in UTC, and in New York, as Date objects and as ISO strings.
for (const day of ['2026-02-12', '2026-02-13', '2026-09-29', '2026-09-30', '2026-12-31']) {
  for (let hour = 0; hour < 24; hour += 1) {
    const utc = new Date(`${day}T${String(hour).padStart(2, '0')}:30:00Z`);
    const local = `${day}T${String(hour).padStart(2, '0')}:30:00`;
    const deadline = calendar.deadlineAfter(utc, 1);
    answers.push(
      [
        utc.toISOString(),
        deadline.due.toISO(),
        calendar.deadlineAfter(local, 3).due.toISO(),
        ratingWindow.reminderDueAt(utc).at.toISO(),
        ratingWindow.ratingWindowClosesAt(utc).at.toISO(),
        ratingWindow.rateableFrom(utc).at.toISO(),
        ratingWindow.rateableFrom(local).at.toISO(),
      ].join(' '),
    );
  }
}

process.stdout.write(
  JSON.stringify({ utcOffsetMinutes: -new Date('2026-07-01T00:00:00Z').getTimezoneOffset(), answers }),
);
