// The verify deadline is a date-variable timer (timeDate ${verifyDue}). Fired by executing its job over
// REST — never by waiting — it marks the clock overdue while the verify task stays open.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { postBadReview, waitForTask } from './cases.ts';
import { eventually } from '../support/fixtures.ts';
import { addStaffMember, DISTRICT_SUPERVISOR } from '../support/staff.ts';

describe('the verify timer (issue 2)', () => {
  it('given an open verify task, when its timer job runs, then the clock turns overdue and the task stays open', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const caseRow = await harness.db('cases').where({ id: caseId }).first();
    // A district's supervisor, who may not see this city unit's case, is not told of its overdue clock.
    await addStaffMember(harness.db, DISTRICT_SUPERVISOR);

    const [timer] = await harness.engine.jobs({
      processInstanceId: caseRow.process_instance_id,
      activityId: 'Timer_VerifyComplaintOverdue',
    });
    assert.ok(timer, 'the verify timer waits in the engine');
    const clock = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
    assert.equal(clock.state, 'on-track');
    // The engine's due dates and the database's agree: the timer, the task and the clock.
    assert.equal(new Date(timer.dueDate!).getTime(), new Date(clock.due_at).getTime());
    assert.equal(new Date(verify.dueAt!).getTime(), new Date(clock.due_at).getTime());

    await harness.engine.executeJob(timer.id);

    const overdue = await eventually(
      async () => {
        const row = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
        return row.state === 'overdue' ? row : undefined;
      },
      { what: 'the verify clock to turn overdue' },
    );
    assert.equal(overdue.done_at, null);
    const events = await harness.db('case_events').where({ case_id: caseId, kind: 'sla-overdue' });
    assert.equal(events.length, 1);
    assert.equal(events[0].stage, 'verify');
    const told = await harness
      .db('notifications')
      .where('idempotency_key', 'like', `sla-overdue:${caseId}:verify:%`)
      .pluck('idempotency_key');
    assert.ok(
      told.includes(`sla-overdue:${caseId}:verify:1:sun.li`),
      `the city supervisor: ${told.join(' ')}`,
    );
    assert.ok(told.includes(`sla-overdue:${caseId}:verify:1:li.qiang`), 'the unit leader');
    assert.ok(
      !told.some((key: string) => key.endsWith(`:${DISTRICT_SUPERVISOR.id}`)),
      'not another district’s',
    );
    const still = await harness.engine.task(verify.id);
    assert.equal(
      still.taskDefinitionKey,
      'Task_VerifyComplaint',
      'the timer does not interrupt verification',
    );
    // The escalation branch runs on after the clock turned overdue (its external task, then its end): wait
    // for its end before reading the history.
    const activities = await eventually(
      async () => {
        const passed = (await harness.engine.historicActivities(caseRow.process_instance_id)).map(
          (activity) => activity.activityId,
        );
        return passed.includes('EndEvent_VerifyComplaintEscalated') ? passed : undefined;
      },
      { what: 'the escalation branch to end' },
    );
    assert.ok(activities.includes('Task_EscalateVerifyComplaint'));
    assert.ok(activities.includes('EndEvent_VerifyComplaintEscalated'));
  });

  it('given a timer moved over REST, when its due date is read back, then the engine keeps the new date', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const caseRow = await harness.db('cases').where({ id: caseId }).first();
    const [timer] = await harness.engine.jobs({
      processInstanceId: caseRow.process_instance_id,
      activityId: 'Timer_VerifyComplaintOverdue',
    });
    await harness.engine.setJobDueDate(timer!.id, '2030-01-02T23:59:59.000+0800');
    const [moved] = await harness.engine.jobs({ jobId: timer!.id });
    assert.equal(new Date(moved!.dueDate!).toISOString(), '2030-01-02T15:59:59.000Z');
  });
});
