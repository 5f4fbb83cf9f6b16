// The working calendar in force: the calendars/ files (read once, at start) overlaid with the notices loaded
// into the database at runtime. Every process asks for it before it counts working days; a cheap query
// (the latest load's id) tells whether someone loaded a notice since, and only then is it rebuilt. Callers
// asking together share that query (./coalesced-reads.ts), each still seeing every load committed before it asked.
import {
  createWorkingCalendar,
  overlayCalendarData,
  type WorkingCalendar,
} from '../domain/calendar/index.ts';
import { loadCalendarFiles, type CalendarFiles } from './calendar-files.ts';
import { latestLoadId, latestLoads } from './stores/calendar-notice-store.ts';
import { coalescedReads } from './coalesced-reads.ts';
import type { Db } from './db.ts';

/** What counts working days needs: the calendar as it is now. */
export interface CalendarSource {
  current(): Promise<WorkingCalendar>;
}

export interface CalendarInForce {
  calendar: WorkingCalendar;
  /** Id of the latest load it includes; null when it is built from the files alone. */
  loadId: string | null;
}

export interface CalendarProvider extends CalendarSource {
  /** The calendars/ files this process started with; loads are checked against them. */
  readonly files: CalendarFiles;
  currentWithLoadId(): Promise<CalendarInForce>;
}

export interface CalendarProviderOptions {
  db: Db;
  /** Directory holding cn/ and regions/; defaults to the repository's calendars/. */
  dir?: string;
}

/** Throws CalendarDataError at once when the files are invalid, so a process never starts without a calendar. */
export function createCalendarProvider({ db, dir }: CalendarProviderOptions): CalendarProvider {
  const files = loadCalendarFiles(dir);
  let cached: { loadId: string | null; built: Promise<CalendarInForce> } | undefined;
  const readLatestLoadId = coalescedReads(() => latestLoadId(db));

  async function build(): Promise<CalendarInForce> {
    const loads = await latestLoads(db);
    const data = overlayCalendarData(files, loads.files);
    // Every load was checked against the whole set when it was stored; a failure here means the files
    // changed under it (a new deployment) and is reported, never papered over.
    return { calendar: createWorkingCalendar(data, data.labels), loadId: loads.version };
  }

  async function currentWithLoadId(): Promise<CalendarInForce> {
    const loadId = await readLatestLoadId();
    if (cached === undefined || cached.loadId !== loadId) {
      const entry = { loadId, built: build() };
      cached = entry;
      // A failed build is not kept: the next call tries again.
      entry.built.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.built;
  }

  return {
    files,
    currentWithLoadId,
    async current() {
      return (await currentWithLoadId()).calendar;
    },
  };
}
