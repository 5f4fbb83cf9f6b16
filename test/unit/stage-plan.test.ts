// A stage's plan (infra/sla/stage-plan.ts): the policy's working days from its start, in Beijing time, and
// shortened when the stage must not run past another deadline (会商意见 within the 会商's 15 days, art. 20).
import assert from 'node:assert/strict';
import { deadlineCalculator, loadWorkingCalendar } from '../../infra/deadlines.ts';
import { shippedPlanner } from '../support/sla.ts';

describe('stage plans (issue 4, art. 20)', () => {
  const startedAt = new Date('2026-11-02T10:00:00+08:00'); // Monday
  const planner = shippedPlanner(deadlineCalculator(loadWorkingCalendar()), () => startedAt);

  it('given the opinions’ five working days, then they are due at the end of the fifth working day', async () => {
    const plan = await planner.plan('consultation-opinion', { startedAt });
    assert.equal(plan.workingDays, 5);
    assert.equal(plan.due.toISOString(), '2026-11-09T15:59:59.000Z', 'end of Monday 11/9 in Beijing');
  });

  it('given a 会商 reply due sooner, then the opinions are due no later than it, in fewer working days', async () => {
    const plan = await planner.plan('consultation-opinion', {
      startedAt,
      dueBy: new Date('2026-11-05T15:59:59.000Z'),
    });
    assert.equal(plan.workingDays, 3);
    assert.equal(plan.due.toISOString(), '2026-11-05T15:59:59.000Z');
    assert.ok(plan.remindAt <= plan.due);
  });

  it('given a reply due before even one working day is over, then one working day is left (never none)', async () => {
    const plan = await planner.plan('consultation-opinion', {
      startedAt,
      dueBy: new Date('2026-11-02T12:00:00+08:00'),
    });
    assert.equal(plan.workingDays, 1);
  });
});
