// Loading a holiday notice at runtime: it is checked against everything the calendar is built from,
// stored with who and when, seen by every process's calendar, and the provisional due dates are recomputed.
// The engine here is a port nothing listens on: the engine tier (test/engine/calendar-recompute.test.ts)
// moves real timers; this tier proves that a load survives an engine that cannot be reached.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CalendarDataError,
  createWorkingCalendar,
  createXianRatingWindow,
  overlayCalendarData,
  readCalendarFile,
  type WorkingCalendar,
} from '../../domain/calendar/index.ts';
import { DEFAULT_STAGE_WORKING_DAYS } from '../../domain/case/sla-policy.ts';
import type { DeadlineCalculator } from '../../domain/case/sla-policy.ts';
import type { WorkerDeps } from '../../workers/deps.ts';
import { shippedPlanner } from '../support/sla.ts';
import { loadNotice, type NoticeLoadDeps } from '../../infra/calendar-notices.ts';
import { createCalendarProvider } from '../../infra/calendar-provider.ts';
import { deadlineCalculator } from '../../infra/deadlines.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { recomputeProvisionalDeadlines } from '../../infra/sla-recompute.ts';
import { startClock } from '../../infra/stores/case-store.ts';
import { listLoads } from '../../infra/stores/calendar-notice-store.ts';
import { createWorker as createCaseRouteWorker } from '../../workers/case-route.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase } from '../support/databases.ts';
import type { Db } from '../../infra/db.ts';
import { freePort } from '../support/ports.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const NOTICE_2027 = fixture('cn-2027.json');
// The day before 除夕 2027: a one-working-day count from it reaches into 春节, where the fixture's
// arrangement (5–14 February off) differs from the statutory fallback (除夕 to 初三 only).
const STARTED_AT = new Date('2027-02-04T10:00:00+08:00');
const LOADED_AT = new Date('2026-11-26T10:00:00+08:00');

describe('loading a holiday notice at runtime (calendar notices)', () => {
  let db: Db;
  let deps: NoticeLoadDeps;
  /** The calendar of calendars/ without any 2027 notice, and with the fixture in its place. */
  let without2027: WorkingCalendar;
  let with2027: WorkingCalendar;

  beforeEach(async () => {
    ({ db } = await freshAppDatabase('hcp_test_calendar'));
    const calendars = createCalendarProvider({ db });
    const engine = createEngineClient({
      baseUrl: `http://127.0.0.1:${await freePort()}/engine-rest`,
      timeoutMs: 2000,
    });
    deps = { db, engine, calendars, clock: () => LOADED_AT };
    const files = {
      ...calendars.files,
      national: calendars.files.national.filter((notice) => notice.year !== 2027),
    };
    without2027 = createWorkingCalendar(files);
    const read = readCalendarFile(NOTICE_2027, 'cn-2027.json');
    assert.ok(read.ok, 'the fixture is a valid notice');
    with2027 = createWorkingCalendar(
      overlayCalendarData({ ...files, labels: calendars.files.labels }, [read.value]),
    );
  });

  afterEach(() => db.destroy());

  it('given a valid 2027 notice, when an operator loads it, then it is stored with who, when and its content hash', async () => {
    const result = await loadNotice(deps, NOTICE_2027, '王五（市行政审批服务局）');

    assert.equal(result.load.alreadyLoaded, false);
    const rows = await db('calendar_notices');
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row.kind, 'notice');
    assert.equal(row.region, 'cn');
    assert.equal(row.year, 2027);
    assert.equal(row.loaded_by, '王五（市行政审批服务局）');
    assert.equal(new Date(row.loaded_at).getTime(), LOADED_AT.getTime());
    assert.match(row.content_sha256, /^[0-9a-f]{64}$/);
    assert.equal(row.content_sha256, result.load.contentSha256);
    const content = { ...(NOTICE_2027 as Record<string, unknown>) };
    delete content.$schema;
    assert.deepEqual(row.content, content, 'the stored content is the file, without its editor-only $schema');
    const [listed] = await listLoads(db);
    assert.match(String(listed?.title), /2027/);
  });

  it('given a notice already loaded, when the same file is loaded again, then nothing new is stored', async () => {
    const first = await loadNotice(deps, NOTICE_2027, '王五');
    const again = await loadNotice(deps, structuredClone(NOTICE_2027), '赵六');

    assert.equal(again.load.alreadyLoaded, true);
    assert.equal(again.load.id, first.load.id);
    assert.equal(again.load.loadedBy, '王五', 'the load that stored it is reported');
    assert.equal((await db('calendar_notices')).length, 1);
  });

  it('given a file with a day both off and working and a make-up day on a Thursday, when it is loaded, then it is refused naming each day and rule and nothing is stored', async () => {
    await assert.rejects(
      loadNotice(deps, fixture('cn-2027-contradictory.json'), '王五'),
      (error: unknown) => {
        assert.ok(error instanceof CalendarDataError);
        const found = error.issues.map((issue) => `${issue.id} ${issue.date}`);
        assert.ok(found.includes('calendar.makeup_is_holiday 2027-02-06'), found.join('; '));
        assert.ok(found.includes('calendar.makeup_not_weekend 2027-02-04'), found.join('; '));
        assert.match(error.message, /2027-02-06.*calendar\.makeup_is_holiday/);
        assert.match(error.message, /2027-02-04.*周四.*calendar\.makeup_not_weekend/);
        return true;
      },
    );
    assert.equal((await db('calendar_notices')).length, 0);
    assert.equal((await db('sla_due_recomputations')).length, 0);
  });

  it('given a provider built before the load (another process), when the 2027 notice is loaded, then its 2027 counts stop being provisional', async () => {
    const workersCalendar = createCalendarProvider({ db });
    const before = (await workersCalendar.current()).deadlineAfter(STARTED_AT, 1);
    assert.equal(before.provisional, true);
    assert.equal(
      await workersCalendar.current(),
      await workersCalendar.current(),
      'no rebuild while nothing was loaded',
    );

    await loadNotice(deps, NOTICE_2027, '王五');

    const after = (await workersCalendar.current()).deadlineAfter(STARTED_AT, 1);
    assert.equal(after.provisional, false);
    assert.equal(after.date, with2027.deadlineAfter(STARTED_AT, 1).date);
    assert.notEqual(
      after.date,
      before.date,
      'the fixture moves this day, so the test shows the new calendar',
    );
    assert.ok((await workersCalendar.current()).noticeYears.includes(2027));
  });

  it('given an open case due provisionally and an engine that cannot be reached, when the notice is loaded, then the load and the new due date stand and the engine move waits for a retry', async () => {
    const caseId = await openCase(db);
    const provisional = without2027.deadlineAfter(STARTED_AT, DEFAULT_STAGE_WORKING_DAYS.verify);
    const expected = with2027.deadlineAfter(STARTED_AT, DEFAULT_STAGE_WORKING_DAYS.verify);
    assert.equal(provisional.provisional, true);
    assert.notEqual(
      expected.due.toMillis(),
      provisional.due.toMillis(),
      'the fixture must move this due date',
    );
    await startClock(db, {
      caseId,
      stage: 'verify',
      startedAt: STARTED_AT,
      workingDays: DEFAULT_STAGE_WORKING_DAYS.verify,
      dueAt: provisional.due.toJSDate(),
      provisional: true,
    });

    const result = await loadNotice(deps, NOTICE_2027, '王五');

    assert.equal(result.recompute.clocksRecomputed, 1);
    assert.equal(result.recompute.failures.length, 1);
    assert.equal(result.recompute.failures[0]?.caseId, caseId);
    assert.equal((await db('calendar_notices')).length, 1, 'the load is kept');
    const clock = await db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
    assert.equal(new Date(clock.due_at).getTime(), expected.due.toMillis());
    assert.equal(clock.due_provisional, false);
    const events = await db('case_events').where({ case_id: caseId, kind: 'sla-due-recomputed' });
    assert.equal(events.length, 1);
    assert.equal(events[0].actor, '王五');
    assert.equal(events[0].detail.oldDueAt, provisional.due.toJSDate().toISOString());
    assert.equal(events[0].detail.newDueAt, expected.due.toJSDate().toISOString());
    const [queued] = await db('sla_due_recomputations').where({ case_id: caseId });
    assert.equal(queued.engine_state, 'pending');
    assert.equal(queued.engine_attempts, 1);
    assert.match(queued.engine_last_error, /流程引擎调用失败/);

    // when it is retried (the engine still down), then nothing is recomputed twice and the move stays queued
    const retried = await recomputeProvisionalDeadlines(deps);
    assert.equal(retried.clocksRecomputed, 0);
    assert.equal(retried.failures.length, 1);
    assert.equal((await db('case_events').where({ case_id: caseId, kind: 'sla-due-recomputed' })).length, 1);
    const [still] = await db('sla_due_recomputations').where({ case_id: caseId });
    assert.equal(still.engine_state, 'pending');
    assert.equal(still.engine_attempts, 2);
  });

  it('given an open invitation and one recorded 未评, both with a provisional window, and an engine that cannot be reached, when the notice is loaded, then only the open window moves, recorded once, and its engine move waits for a retry', async () => {
    // The reminder on the day before 除夕 2027: five working days after it reach into 春节.
    const reminderAt = STARTED_AT;
    const provisional = createXianRatingWindow(without2027).ratingWindowClosesAt(reminderAt);
    const expected = createXianRatingWindow(with2027).ratingWindowClosesAt(reminderAt);
    assert.equal(provisional.provisional, true);
    assert.notEqual(expected.at.toMillis(), provisional.at.toMillis(), 'the fixture must move this window');
    const open = await invitationWithWindow(db, reminderAt, provisional.at.toJSDate());
    const unrated = await invitationWithWindow(db, reminderAt, provisional.at.toJSDate());
    await db('unrated_service_records').insert({
      service_record_id: unrated,
      window_closed_at: provisional.at.toJSDate(),
      recorded_at: LOADED_AT,
    });

    const result = await loadNotice(deps, NOTICE_2027, '王五');

    assert.equal(result.recompute.invitations.checked, 1);
    assert.equal(result.recompute.invitations.recomputed, 1);
    assert.deepEqual(
      result.recompute.invitations.failures.map((failure) => failure.serviceRecordId),
      [open],
    );
    const moved = await db('evaluation_invitations').where({ service_record_id: open }).first();
    assert.equal(new Date(moved.window_closes_at).getTime(), expected.at.toMillis());
    assert.equal(moved.window_provisional, false);
    const untouched = await db('evaluation_invitations').where({ service_record_id: unrated }).first();
    assert.equal(new Date(untouched.window_closes_at).getTime(), provisional.at.toMillis());
    const [queued, ...more] = await db('invitation_window_recomputations');
    assert.equal(more.length, 0);
    assert.equal(queued.service_record_id, open);
    assert.equal(queued.actor, '王五');
    assert.equal(queued.engine_state, 'pending');
    assert.equal(queued.engine_attempts, 1);
    assert.match(queued.engine_last_error, /流程引擎调用失败/);

    // when it is retried (the engine still down), then nothing is recomputed twice and the move stays queued
    const retried = await recomputeProvisionalDeadlines(deps);
    assert.equal(retried.invitations.recomputed, 0);
    assert.equal(retried.invitations.failures.length, 1);
    const [still, ...none] = await db('invitation_window_recomputations');
    assert.equal(none.length, 0);
    assert.equal(still.engine_attempts, 2);
  });

  it('given two open invitations whose provisional window a make-up working day shortens, one already told its end by the reminder SMS, when the notice is loaded, then the told one keeps its date (now certain) and the other closes a day earlier', async () => {
    // Reminder on Thursday 22 April 2027: the fallback counts Fri 23 and Mon 26 – Thu 29; the notice makes
    // Sunday 25 April a working day (for 劳动节), so the fifth working day is Wednesday 28.
    const reminderAt = new Date('2027-04-22T10:00:00+08:00');
    const provisional = createXianRatingWindow(without2027).ratingWindowClosesAt(reminderAt);
    const counted = createXianRatingWindow(with2027).ratingWindowClosesAt(reminderAt);
    assert.equal(provisional.provisional, true);
    assert.ok(counted.at < provisional.at, 'the fixture must shorten this window');
    const told = await invitationWithWindow(db, reminderAt, provisional.at.toJSDate(), reminderAt);
    const notYetTold = await invitationWithWindow(db, reminderAt, provisional.at.toJSDate());

    const result = await loadNotice(deps, NOTICE_2027, '王五');

    assert.equal(result.recompute.invitations.recomputed, 2);
    const kept = await db('evaluation_invitations').where({ service_record_id: told }).first();
    assert.equal(new Date(kept.window_closes_at).getTime(), provisional.at.toMillis());
    assert.equal(kept.window_provisional, false);
    const shortened = await db('evaluation_invitations').where({ service_record_id: notYetTold }).first();
    assert.equal(new Date(shortened.window_closes_at).getTime(), counted.at.toMillis());
    assert.equal(shortened.window_provisional, false);
  });

  it('given a notice loaded while case-route counts a due date, when the worker stores it, then it stores nothing and asks to count again, and the next delivery counts with the notice', async () => {
    const caseId = await openCase(db);
    const counting = deadlineCalculator(createCalendarProvider({ db }));
    let loadDuringCount = true;
    const deadlines: DeadlineCalculator = {
      async deadlineAfter(start, workingDays) {
        const counted = await counting.deadlineAfter(start, workingDays);
        // The operator's load commits between this count and the worker's transaction.
        if (loadDuringCount) await loadNotice(deps, NOTICE_2027, '王五');
        loadDuringCount = false;
        return counted;
      },
    };
    const worker = createCaseRouteWorker({
      db,
      clock: () => STARTED_AT,
      deadlines,
      planner: shippedPlanner(deadlines, () => STARTED_AT),
      maxRectificationRounds: 2,
    } as unknown as WorkerDeps);
    const delivery = {
      id: randomUUID(),
      topic: 'case-route',
      businessKey: caseId,
      processInstanceId: `pi-${caseId}`,
      activityId: 'Task_RouteCase',
      variable: () => undefined,
    };

    const first = await worker.handle(delivery);

    assert.equal(first.kind, 'failure');
    assert.equal((await db('sla_clocks').where({ case_id: caseId })).length, 0);
    const second = await worker.handle(delivery);
    assert.equal(second.kind, 'complete');
    const clock = await db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
    assert.equal(clock.due_provisional, false);
    assert.equal(new Date(clock.due_at).getTime(), with2027.deadlineAfter(STARTED_AT, 1).due.toMillis());
  });
});

/** A 差评 case that the engine has started (as far as the database knows). */
async function openCase(db: Db): Promise<string> {
  const id = await openBadReviewCase(db, { at: LOADED_AT });
  await db('cases')
    .where({ id })
    .update({ status: 'open', process_instance_id: `pi-${id}`, opened_at: LOADED_AT });
  return id;
}

/** A completed 办件 whose invitation was scheduled with the given reminder and (provisional) window end. */
async function invitationWithWindow(
  db: Db,
  reminderAt: Date,
  windowClosesAt: Date,
  remindedAt: Date | null = null,
): Promise<string> {
  const id = `SR-CAL-${randomUUID().slice(0, 8)}`;
  const completedAt = new Date(reminderAt.getTime() - 24 * 3_600_000);
  await db('service_records').insert({
    id,
    item_code: 'XA-SC-0001',
    handling_department_id: 'xa-market',
    channel: 'online',
    accepted_at: completedAt,
    completed_at: completedAt,
  });
  await db('evaluation_invitations').insert({
    service_record_id: id,
    completed_at: completedAt,
    reminder_at: reminderAt,
    window_closes_at: windowClosesAt,
    window_provisional: true,
    scheduled_at: LOADED_AT,
    reminded_at: remindedAt,
  });
  return id;
}
