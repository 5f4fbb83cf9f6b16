// The SLA policy is the DMN table in processes/, evaluated by the engine; the API shows it, and the
// database tier's shipped copy (test/support/sla.ts) must say the same.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { getJson } from '../support/fixtures.ts';
import { SHIPPED_COMPLEX_RECTIFY_DAYS, SHIPPED_POLICY } from '../support/sla.ts';
import { DEFAULT_STAGE_WORKING_DAYS } from '../../domain/case/sla-policy.ts';

describe('the SLA policy in force (issue 4)', () => {
  it('given the deployed DMN, when the API is asked, then every stage has its working days and reminder share', async () => {
    const harness = getHarness();
    const answer = await getJson(harness.apiUrl, '/api/sla-policy');
    assert.equal(answer.status, 200);
    const byStage = Object.fromEntries(
      (answer.body.stages as Record<string, any>[]).map((row) => [row.stage, row]),
    );
    for (const [stage, days] of Object.entries(SHIPPED_POLICY)) {
      assert.equal(byStage[stage]?.workingDays, days, `${stage}: ${days} working days`);
    }
    assert.equal(byStage.rectify.complexWorkingDays, SHIPPED_COMPLEX_RECTIFY_DAYS);
    assert.equal(byStage.verify.remindAtPercent, 60);
    assert.equal(DEFAULT_STAGE_WORKING_DAYS.verify, SHIPPED_POLICY.verify);
    assert.equal(DEFAULT_STAGE_WORKING_DAYS.consultationReply, 15, 'art. 20: 15 working days');
  });
});
