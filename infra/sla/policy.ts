// The SLA policy in force: the DMN decision `sla-policy` (processes/sla-policy.dmn), evaluated by the
// engine, so a process owner's new version applies to every clock started after its deployment.
import type { EngineClient } from '../engine-rest.ts';
import type { SlaStage, StagePolicy } from '../../domain/case/sla-policy.ts';

export const SLA_POLICY_DECISION_KEY = 'sla-policy';

export interface SlaPolicy {
  policyFor(stage: SlaStage, options?: { complex?: boolean }): Promise<StagePolicy>;
}

export class SlaPolicyError extends Error {}

export function createSlaPolicy(engine: EngineClient): SlaPolicy {
  return {
    async policyFor(stage, { complex = false } = {}) {
      const [row] = await engine.evaluateDecision(SLA_POLICY_DECISION_KEY, { stage, complex });
      const workingDays = Number(row?.workingDays?.value);
      const remindAtPercent = Number(row?.remindAtPercent?.value);
      if (!row || !Number.isInteger(workingDays) || workingDays < 0 || !Number.isFinite(remindAtPercent)) {
        throw new SlaPolicyError(
          `the SLA policy has no valid rule for stage "${stage}" (complex: ${complex})`,
        );
      }
      return { workingDays, remindAtPercent };
    },
  };
}
