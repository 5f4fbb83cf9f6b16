// Loading next year's holiday notice moves the due dates that were counted provisionally — in the database
// and in the engine, where a verify timer (or an invitation's rating-window timer) is waiting. Timers are read over REST, never waited for.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createWorkingCalendar,
  createXianRatingWindow,
  overlayCalendarData,
  readCalendarFile,
  type WorkingCalendar,
} from '../../domain/calendar/index.ts';
import { DEFAULT_STAGE_WORKING_DAYS, reminderAt } from '../../domain/case/sla-policy.ts';
import { loadCalendarFiles } from '../../infra/calendar-files.ts';
import { taskUpdateWithDue } from '../../infra/engine-deadlines.ts';
import {
  REMINDER_TIMER_ACTIVITY_ID,
  WINDOW_TIMER_ACTIVITY_ID,
} from '../../infra/engine-invitation-window.ts';
import { formatEngineDate } from '../../infra/engine-variables.ts';
import { getHarness, type Harness } from './harness.ts';
import { addStaffMember, DISTRICT_SUPERVISOR, staff } from '../support/staff.ts';
import { postBadReview, waitForTask } from './cases.ts';
import { waitingInvitationTimer } from './invitations.ts';
import { postJson, serviceRecordBody, HANDLING_SYSTEM_HEADERS } from '../support/fixtures.ts';

const NOTICE_2027 = JSON.parse(
  readFileSync(new URL('../db/fixtures/cn-2027.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const CONTRADICTORY_2027 = JSON.parse(
  readFileSync(new URL('../db/fixtures/cn-2027-contradictory.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

// Why this start: a case is due provisionally only when its count reaches a year whose notice is not
// loaded, and only a day where the notice differs from the statutory fallback can move. The real verify
// policy (1 working day) from Thursday 4 February 2027, the day before 除夕, is such a count: without the
// 2027 notice only 除夕 and 初一–初三 are off (due Tuesday 9 February, provisional); the fixture notice gives
// 5–14 February off. A case cannot be started in 2027 today, so its clock is set to that start, as the
// worker would have stored it, and the engine's timer and task are given the provisional date it would have
// handed them. All dates are computed by the calendar, never written down here.
const STARTED_AT = new Date('2027-02-04T10:00:00+08:00');
const WORKING_DAYS = DEFAULT_STAGE_WORKING_DAYS.verify;

function calendars(): { without2027: WorkingCalendar; with2027: WorkingCalendar } {
  const files = loadCalendarFiles();
  const base = { ...files, national: files.national.filter((notice) => notice.year !== 2027) };
  const notice = readCalendarFile(NOTICE_2027, 'cn-2027.json');
  assert.ok(notice.ok, 'the fixture is a valid notice');
  return {
    without2027: createWorkingCalendar(base),
    with2027: createWorkingCalendar(overlayCalendarData({ ...base, labels: files.labels }, [notice.value])),
  };
}

/** Posts a notice as `user` (signed in), or without a session. */
async function postNotice(apiUrl: string, body: unknown, user?: string) {
  const headers = user === undefined ? {} : (await staff(apiUrl, user)).headers;
  return postJson(apiUrl, '/api/calendar/notices', body, headers);
}

describe('loading a holiday notice recomputes provisional due dates (calendar)', () => {
  it('given a verify task due provisionally in 2027, when the 2027 notice is loaded over the API, then the clock, the waiting timer and its reminder, the task, the process variables and the timeline carry the new due date', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const { process_instance_id: processInstanceId } = await harness
      .db('cases')
      .where({ id: caseId })
      .first();
    const [timer] = await harness.engine.jobs({
      processInstanceId,
      activityId: 'Timer_VerifyComplaintOverdue',
    });
    assert.ok(timer, 'the verify timer waits in the engine');

    const { without2027, with2027 } = calendars();
    const provisional = without2027.deadlineAfter(STARTED_AT, WORKING_DAYS);
    const expected = with2027.deadlineAfter(STARTED_AT, WORKING_DAYS);
    assert.equal(provisional.provisional, true, 'without a 2027 notice the count is provisional');
    assert.equal(expected.provisional, false);
    assert.notEqual(
      expected.date,
      provisional.date,
      'the notice must move this day, or the test proves nothing',
    );
    const provisionalDue = provisional.due.toJSDate();
    const expectedDue = expected.due.toJSDate();

    await harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).update({
      started_at: STARTED_AT,
      working_days: WORKING_DAYS,
      due_at: provisionalDue,
      due_provisional: true,
    });
    await harness.engine.setJobDueDate(timer.id, formatEngineDate(provisionalDue));
    // The reminder (即将超期) as the worker would have planned it: at 60 % of the provisional time.
    const provisionalReminder = reminderAt(STARTED_AT, provisionalDue, 60);
    const [reminder] = await harness.engine.jobs({
      processInstanceId,
      activityId: 'Timer_VerifyComplaintReminder',
    });
    assert.ok(reminder, 'the reminder timer waits in the engine');
    await harness.engine.setJobDueDate(reminder.id, formatEngineDate(provisionalReminder));
    await harness.engine.setProcessVariables(processInstanceId, {
      verifyDue: provisionalDue,
      verifyRemindAt: provisionalReminder,
    });
    const task = await harness.engine.task(verify.id);
    // Claimed by someone: moving the due date must not take the task away from them.
    await harness.engine.updateTask(task.id, {
      ...taskUpdateWithDue(task, formatEngineDate(provisionalDue)),
      assignee: 'xa-market-staff-01',
    });
    const wang = await staff(harness.apiUrl, 'wang.fang');
    assert.equal((await wang.get(`/api/tasks/${verify.id}`)).body.dueProvisional, true, 'the task says 暂定');
    const listed = await (await staff(harness.apiUrl, 'sun.li')).get('/api/calendar/provisional');
    assert.ok(
      listed.body.clocks.some((clock: { caseId: string }) => clock.caseId === caseId),
      'supervisors see it',
    );
    // A case id is its rater's key to the answers: unit staff may not list them, another district's
    // supervisor sees none of the city's.
    const byStaff = await (await staff(harness.apiUrl, 'zhang.wei')).get('/api/calendar/provisional');
    assert.equal(byStaff.status, 403);
    await addStaffMember(harness.db, DISTRICT_SUPERVISOR);
    const byDistrict = await (
      await staff(harness.apiUrl, DISTRICT_SUPERVISOR.id)
    ).get('/api/calendar/provisional');
    assert.equal(byDistrict.status, 200);
    assert.ok(!byDistrict.body.clocks.some((clock: { caseId: string }) => clock.caseId === caseId));

    const loaded = await postNotice(harness.apiUrl, NOTICE_2027, 'admin');

    assert.equal(loaded.status, 201, JSON.stringify(loaded.body));
    assert.equal(loaded.body.load.loadedBy, 'admin');
    assert.ok(loaded.body.recompute.clocksRecomputed >= 1);
    assert.ok(loaded.body.recompute.timersMoved >= 1);
    assert.ok(loaded.body.recompute.tasksUpdated >= 1);
    assert.deepEqual(
      loaded.body.recompute.failures.filter((failure: { caseId: string }) => failure.caseId === caseId),
      [],
    );
    const clock = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
    assert.equal(new Date(clock.due_at).getTime(), expectedDue.getTime());
    assert.equal(clock.due_provisional, false);
    assert.equal((await wang.get(`/api/tasks/${verify.id}`)).body.dueProvisional, false, 'and no longer');
    const [moved] = await harness.engine.jobs({ jobId: timer.id });
    assert.equal(new Date(moved!.dueDate!).getTime(), expectedDue.getTime(), 'the waiting timer moved');
    const expectedReminder = reminderAt(STARTED_AT, expectedDue, 60);
    assert.notEqual(expectedReminder.getTime(), provisionalReminder.getTime());
    const [movedReminder] = await harness.engine.jobs({ jobId: reminder.id });
    assert.equal(
      new Date(movedReminder!.dueDate!).getTime(),
      expectedReminder.getTime(),
      'the reminder moved with it, still at 60 % of the time',
    );
    const updated = await harness.engine.task(verify.id);
    assert.equal(new Date(updated.due!).getTime(), expectedDue.getTime(), "the task's due date moved");
    assert.equal(updated.assignee, 'xa-market-staff-01', 'the claim is kept');
    const { verifyDue, verifyRemindAt } = await harness.engine.processVariables(processInstanceId);
    assert.equal(
      new Date(String(verifyDue?.value)).getTime(),
      expectedDue.getTime(),
      'the variable a later task of the stage would be due by moved too',
    );
    assert.equal(new Date(String(verifyRemindAt?.value)).getTime(), expectedReminder.getTime());
    const events = await harness.db('case_events').where({ case_id: caseId, kind: 'sla-due-recomputed' });
    assert.equal(events.length, 1);
    assert.equal(events[0].stage, 'verify');
    assert.equal(events[0].actor, 'admin');
    assert.equal(new Date(events[0].detail.oldDueAt).getTime(), provisionalDue.getTime());
    assert.equal(new Date(events[0].detail.newDueAt).getTime(), expectedDue.getTime());
    assert.equal(events[0].detail.newProvisional, false);
    const [recomputation] = await harness.db('sla_due_recomputations').where({ case_id: caseId });
    assert.equal(recomputation.engine_state, 'synced');

    // when the same file is loaded again (a retry), then nothing is stored or moved twice
    const again = await postNotice(harness.apiUrl, NOTICE_2027, 'admin');
    assert.equal(again.status, 200);
    assert.equal(again.body.load.alreadyLoaded, true);
    assert.equal(
      (await harness.db('case_events').where({ case_id: caseId, kind: 'sla-due-recomputed' })).length,
      1,
    );
    const notices = await (await staff(harness.apiUrl, 'sun.li')).get('/api/calendar/notices');
    const of2027 = notices.body.notices.filter((notice: { year: number }) => notice.year === 2027);
    assert.equal(of2027.length, 1);
    assert.equal(of2027[0].loadedBy, 'admin');
  });

  it('given a contradictory notice, when it is posted, then 400 calendar.invalid_notice lists each day and rule and nothing is stored', async () => {
    const harness = getHarness();
    const before = (await harness.db('calendar_notices')).length;

    const refused = await postNotice(harness.apiUrl, CONTRADICTORY_2027, 'admin');

    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.id, 'calendar.invalid_notice');
    const issues = (refused.body.error.details.issues as { id: string; date: string }[]).map(
      (issue) => `${issue.id} ${issue.date}`,
    );
    assert.ok(issues.includes('calendar.makeup_is_holiday 2027-02-06'), issues.join('; '));
    assert.ok(issues.includes('calendar.makeup_not_weekend 2027-02-04'), issues.join('; '));
    assert.equal((await harness.db('calendar_notices')).length, before);
  });

  it('given no session, when a notice is posted, then 401 auth.required and nothing is loaded', async () => {
    const harness = getHarness();
    const before = (await harness.db('calendar_notices')).length;
    const refused = await postNotice(harness.apiUrl, NOTICE_2027);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.id, 'auth.required');
    assert.equal((await harness.db('calendar_notices')).length, before);
  });

  it('given a unit staff member, when they post a notice, then 403 auth.forbidden: only admins load the calendar', async () => {
    const harness = getHarness();
    const refused = await postNotice(harness.apiUrl, NOTICE_2027, 'wang.fang');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.id, 'auth.forbidden');
  });
});

// The rating window (art. 10) of an invitation is stored, and waited on by Timer_RatingWindowClosed, just
// like a stage's due date: a window counted into 2027 is provisional until the 2027 notice is loaded. An
// invitation cannot reach 2027 today either, so its schedule is set to a reminder on the day before 除夕
// 2027, as the schedule worker would have stored it; the five working days after it reach into 春节, where
// the fixture notice moves the end of the window. The notice may already be loaded by the test above: a
// load recomputes whether or not it stores anything new.
const REMINDER_AT = new Date('2027-02-04T10:00:00+08:00');
const HOUR = 3_600_000;

function windowsOf(): { provisionalEnd: Date; expectedEnd: Date } {
  const { without2027, with2027 } = calendars();
  const provisional = createXianRatingWindow(without2027).ratingWindowClosesAt(REMINDER_AT);
  const expected = createXianRatingWindow(with2027).ratingWindowClosesAt(REMINDER_AT);
  assert.equal(provisional.provisional, true, 'without a 2027 notice the window is provisional');
  assert.equal(expected.provisional, false);
  assert.notEqual(expected.at.toMillis(), provisional.at.toMillis(), 'the notice must move this window');
  return { provisionalEnd: provisional.at.toJSDate(), expectedEnd: expected.at.toJSDate() };
}

/** A 办件 without an applicant phone, completed an hour ago; resolves once its reminder timer waits. */
async function invitationWaitingForReminder(harness: Harness) {
  const now = Date.now();
  const record = serviceRecordBody({
    id: `SR-CAL-${randomUUID().slice(0, 8)}`,
    channel: 'online',
    acceptedAt: new Date(now - 48 * HOUR).toISOString(),
    promisedAt: new Date(now + 72 * HOUR).toISOString(),
    completedAt: new Date(now - HOUR).toISOString(),
  });
  const created = await postJson(harness.apiUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await waitingInvitationTimer(harness, record.id, REMINDER_TIMER_ACTIVITY_ID);
  return record.id;
}

/** Sets the stored schedule to a provisional window after REMINDER_AT, as the worker would have. */
async function makeWindowProvisional(harness: Harness, serviceRecordId: string, end: Date) {
  await harness
    .db('evaluation_invitations')
    .where({ service_record_id: serviceRecordId })
    .update({
      completed_at: new Date(REMINDER_AT.getTime() - 24 * HOUR),
      reminder_at: REMINDER_AT,
      window_closes_at: end,
      window_provisional: true,
    });
}

describe('loading a holiday notice recomputes provisional rating windows (calendar, art. 10)', () => {
  it('given an invitation whose window timer waits on a provisional end, when the 2027 notice is loaded, then the row, the timer and the audit record carry the new end; loading again changes nothing', async () => {
    const harness = getHarness();
    const { provisionalEnd, expectedEnd } = windowsOf();
    const serviceRecordId = await invitationWaitingForReminder(harness);
    await makeWindowProvisional(harness, serviceRecordId, provisionalEnd);
    // The reminder step hands the engine the stored window, from which the window timer is created.
    await harness.engine.executeJob(
      (await waitingInvitationTimer(harness, serviceRecordId, REMINDER_TIMER_ACTIVITY_ID)).job.id,
    );
    const { job: timer } = await waitingInvitationTimer(harness, serviceRecordId, WINDOW_TIMER_ACTIVITY_ID);
    assert.equal(new Date(timer.dueDate!).getTime(), provisionalEnd.getTime());
    const supervisor = await staff(harness.apiUrl, 'sun.li');
    const listed = await supervisor.get('/api/calendar/provisional');
    const shown = listed.body.invitations.find(
      (invitation: { serviceRecordId: string }) => invitation.serviceRecordId === serviceRecordId,
    );
    assert.equal(shown?.windowClosesAt, provisionalEnd.toISOString(), 'supervisors see it');

    const loaded = await postNotice(harness.apiUrl, NOTICE_2027, 'admin');

    assert.ok([200, 201].includes(loaded.status), JSON.stringify(loaded.body));
    const { invitations } = loaded.body.recompute;
    assert.ok(invitations.recomputed >= 1);
    assert.ok(invitations.timersMoved >= 1);
    assert.deepEqual(
      invitations.failures.filter(
        (failure: { serviceRecordId: string }) => failure.serviceRecordId === serviceRecordId,
      ),
      [],
    );
    const row = await harness
      .db('evaluation_invitations')
      .where({ service_record_id: serviceRecordId })
      .first();
    assert.equal(new Date(row.window_closes_at).getTime(), expectedEnd.getTime());
    assert.equal(row.window_provisional, false);
    const [moved] = await harness.engine.jobs({ jobId: timer.id });
    assert.equal(new Date(moved!.dueDate!).getTime(), expectedEnd.getTime(), 'the waiting timer moved');
    const records = await harness
      .db('invitation_window_recomputations')
      .where({ service_record_id: serviceRecordId });
    assert.equal(records.length, 1);
    assert.equal(records[0].actor, 'admin');
    assert.equal(new Date(records[0].old_window_closes_at).getTime(), provisionalEnd.getTime());
    assert.equal(new Date(records[0].new_window_closes_at).getTime(), expectedEnd.getTime());
    assert.equal(records[0].new_provisional, false);
    assert.equal(records[0].engine_state, 'synced');
    const after = await supervisor.get('/api/calendar/provisional');
    assert.ok(
      !after.body.invitations.some(
        (invitation: { serviceRecordId: string }) => invitation.serviceRecordId === serviceRecordId,
      ),
      'no longer provisional',
    );

    // when the same file is loaded again (a retry), then nothing is recorded or moved twice
    const again = await postNotice(harness.apiUrl, NOTICE_2027, 'admin');
    assert.equal(again.status, 200);
    assert.equal(
      (await harness.db('invitation_window_recomputations').where({ service_record_id: serviceRecordId }))
        .length,
      1,
    );
    const [still] = await harness.engine.jobs({ jobId: timer.id });
    assert.equal(new Date(still!.dueDate!).getTime(), expectedEnd.getTime());
  });

  it('given an invitation still waiting for its reminder, when the notice is loaded, then its row moves at once and the window timer the reminder step creates carries the new end', async () => {
    const harness = getHarness();
    const { provisionalEnd, expectedEnd } = windowsOf();
    const serviceRecordId = await invitationWaitingForReminder(harness);
    await makeWindowProvisional(harness, serviceRecordId, provisionalEnd);

    const loaded = await postNotice(harness.apiUrl, NOTICE_2027, 'admin');

    assert.ok([200, 201].includes(loaded.status), JSON.stringify(loaded.body));
    const [record] = await harness
      .db('invitation_window_recomputations')
      .where({ service_record_id: serviceRecordId });
    assert.equal(record.engine_state, 'synced', 'nothing waits on the old end in the engine');
    const row = await harness
      .db('evaluation_invitations')
      .where({ service_record_id: serviceRecordId })
      .first();
    assert.equal(new Date(row.window_closes_at).getTime(), expectedEnd.getTime());
    await harness.engine.executeJob(
      (await waitingInvitationTimer(harness, serviceRecordId, REMINDER_TIMER_ACTIVITY_ID)).job.id,
    );
    const { job: timer } = await waitingInvitationTimer(harness, serviceRecordId, WINDOW_TIMER_ACTIVITY_ID);
    assert.equal(new Date(timer.dueDate!).getTime(), expectedEnd.getTime());
  });
});
