// The SLA policy in force: the DMN decision `sla-policy` (processes/sla-policy.dmn), evaluated by the
// engine, so a process owner's new version applies to every clock started after its deployment.
import type { EngineClient } from '../engine-rest.ts';
import type { SlaStage, StagePolicy } from '../../domain/case/sla-policy.ts';

export const SLA_POLICY_DECISION_KEY = 'sla-policy';

/** The outputs the server reads, with the values that make sense (checked when a model is linted and here). */
export const SLA_POLICY_OUTPUTS = [
  { name: 'workingDays', label: '工作日数', min: 1, max: 250 },
  { name: 'remindAtPercent', label: '提醒时点（时限的百分比）', min: 1, max: 99 },
] as const;

const inRange = (value: number, { min, max }: { min: number; max: number }) =>
  Number.isInteger(value) && value >= min && value <= max;

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
      const [days, remind] = SLA_POLICY_OUTPUTS;
      if (!row || !inRange(workingDays, days) || !inRange(remindAtPercent, remind)) {
        throw new SlaPolicyError(
          `the SLA policy has no valid rule for stage "${stage}" (complex: ${complex})`,
        );
      }
      return { workingDays, remindAtPercent };
    },
  };
}
