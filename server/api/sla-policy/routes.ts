// GET /api/sla-policy: the time limits in force, as the engine evaluates processes/sla-policy.dmn now.
import { Router } from 'express';
import { SLA_STAGES, STAGE_LABELS } from '../../../domain/case/sla-policy.ts';
import type { SlaPolicy } from '../../../infra/sla/policy.ts';

export function slaPolicyRoutes({ policy }: { policy: SlaPolicy }): Router {
  const router = Router();
  router.get('/sla-policy', async (_request, response) => {
    const stages = await Promise.all(
      SLA_STAGES.map(async (stage) => {
        const simple = await policy.policyFor(stage);
        const complex = await policy.policyFor(stage, { complex: true });
        return {
          stage,
          label: STAGE_LABELS[stage],
          workingDays: simple.workingDays,
          remindAtPercent: simple.remindAtPercent,
          ...(complex.workingDays !== simple.workingDays ? { complexWorkingDays: complex.workingDays } : {}),
        };
      }),
    );
    response.json({ decision: 'sla-policy', unit: 'working-days', stages });
  });
  return router;
}
