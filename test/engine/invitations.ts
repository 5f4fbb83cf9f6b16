// The art. 10 invitation of a 办件 in the engine (processes/evaluation-invitation.bpmn), for the tests.
import { eventually } from '../support/fixtures.ts';
import { INVITATION_PROCESS_KEY } from '../../domain/evaluation/invitation.ts';
import type { Harness } from './harness.ts';

/** The timer job that the 办件's invitation waits on at `activityId`, once it waits there. */
export async function waitingInvitationTimer(harness: Harness, serviceRecordId: string, activityId: string) {
  return eventually(
    async () => {
      const [instance] = await harness.engine.processInstances({
        businessKey: serviceRecordId,
        processDefinitionKey: INVITATION_PROCESS_KEY,
      });
      if (!instance) return undefined;
      const [job] = await harness.engine.jobs({ processInstanceId: instance.id, activityId });
      return job ? { instanceId: instance.id, job } : undefined;
    },
    { timeoutMs: 20_000, what: `${activityId} of the invitation of ${serviceRecordId}` },
  );
}
