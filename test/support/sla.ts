// The database tier runs without an engine, so it cannot evaluate processes/sla-policy.dmn; it plans
// clocks with the policy's shipped values instead. test/engine/sla-policy.test.ts checks that the DMN,
// evaluated by the real engine, gives these same numbers.
import { createStagePlanner } from '../../infra/sla/stage-plan.ts';
import type { DeadlineCalculator, SlaStage, StagePolicy } from '../../domain/case/sla-policy.ts';
import type { SlaPolicy } from '../../infra/sla/policy.ts';

export const SHIPPED_POLICY: Record<SlaStage, number> = {
  assign: 1,
  verify: 1,
  rectify: 5,
  'appeal-review': 5,
  'appeal-evidence': 3,
  'consultation-opinion': 5,
  'consultation-reply': 15,
  'return-visit': 3,
  escalation: 3,
};
export const SHIPPED_COMPLEX_RECTIFY_DAYS = 15;

export const shippedPolicy: SlaPolicy = {
  policyFor(stage, { complex = false } = {}): Promise<StagePolicy> {
    const workingDays = stage === 'rectify' && complex ? SHIPPED_COMPLEX_RECTIFY_DAYS : SHIPPED_POLICY[stage];
    return Promise.resolve({ workingDays, remindAtPercent: 60 });
  },
};

export function shippedPlanner(deadlines: DeadlineCalculator, clock: () => Date) {
  return createStagePlanner({ policy: shippedPolicy, deadlines, clock });
}
