// Starting the called processes (appeal-review, consultation) on their own, as bad-review's call
// activity would: business key = the case id, the caller's variables, the stage clock the verify form
// started. And reading what the engine's history kept.
import { createStagePlanner, stageVariables, startStageClock } from '../../infra/sla/stage-plan.ts';
import { createSlaPolicy } from '../../infra/sla/policy.ts';
import { deadlineCalculator } from '../../infra/deadlines.ts';
import { createCalendarProvider } from '../../infra/calendar-provider.ts';
import { eventually } from '../support/fixtures.ts';
import type { SlaStage } from '../../domain/case/sla-policy.ts';
import type { Harness } from './harness.ts';

/** Starts the stage's clock as the completing form would, and returns its …Due / …RemindAt variables. */
export async function startClockAsTheFormWould(
  harness: Harness,
  caseId: string,
  stage: SlaStage,
): Promise<Record<string, unknown>> {
  const planner = createStagePlanner({
    policy: createSlaPolicy(harness.engine),
    deadlines: deadlineCalculator(createCalendarProvider({ db: harness.db })),
    clock: () => new Date(),
  });
  return stageVariables(await startStageClock(harness.db, caseId, await planner.plan(stage)));
}

/** What bad-review's route worker and verify form leave for a called process of a xa-market case. */
export const CALLER_VARIABLES = { responsibleGroup: 'xa-market', approvalGroup: 'xa-approval' };

export async function startCalledProcess(
  harness: Harness,
  key: 'appeal-review' | 'consultation',
  caseId: string,
  variables: Record<string, unknown>,
): Promise<string> {
  const started = await harness.engine.startProcess(key, caseId, { ...CALLER_VARIABLES, ...variables });
  return started.id;
}

/** Two engine or API timestamps (in whatever format) name the same instant. */
export const sameInstant = (a: unknown, b: unknown) =>
  new Date(a as string).getTime() === new Date(b as string).getTime();

export async function waitForInstanceEnd(harness: Harness, processInstanceId: string) {
  return eventually(
    async () => {
      const [instance] = await harness.engine.historicProcessInstances({ processInstanceId });
      return instance?.state === 'COMPLETED' ? instance : undefined;
    },
    // Its last steps are external tasks, each a poll and a commit away, and a step refused by a concurrent
    // change is reported again: on a slow, shared machine that takes longer than the default 10 s.
    { what: `process instance ${processInstanceId} to complete`, timeoutMs: 30_000 },
  );
}

/** The last value of each variable the instance had, from the engine's history. */
export async function historicVariables(
  harness: Harness,
  processInstanceId: string,
): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ processInstanceId, deserializeValues: 'false' });
  const response = await fetch(`${harness.engine.baseUrl}/history/variable-instance?${query}`);
  if (!response.ok) throw new Error(`history/variable-instance: ${response.status}`);
  const rows = (await response.json()) as { name: string; type: string; value: unknown }[];
  return Object.fromEntries(
    rows.map((row) => [
      row.name,
      row.type.toLowerCase() === 'json' && typeof row.value === 'string' ? JSON.parse(row.value) : row.value,
    ]),
  );
}

/** Activity ids the instance passed, in order, once per activity instance. */
export async function passedIn(harness: Harness, processInstanceId: string): Promise<string[]> {
  return (await harness.engine.historicActivities(processInstanceId)).map((activity) => activity.activityId);
}

/** The called instance of the given process that runs (or ran) under the case's business key. */
export async function calledInstanceOf(harness: Harness, caseId: string, key: string) {
  return eventually(
    async () => {
      const [instance] = await harness.engine.historicProcessInstances({
        processInstanceBusinessKey: caseId,
        processDefinitionKey: key,
      });
      return instance;
    },
    { what: `the ${key} instance of case ${caseId}` },
  );
}

/** The engine's log of an external task's deliveries that ended in the instance: its creation, each failure, its success. */
export async function externalTaskLog(harness: Harness, processInstanceId: string, topicName: string) {
  const query = new URLSearchParams({ processInstanceId, topicName });
  const response = await fetch(`${harness.engine.baseUrl}/history/external-task-log?${query}`);
  if (response.status !== 200) throw new Error(`external-task-log: ${response.status}`);
  return (await response.json()) as {
    creationLog: boolean;
    failureLog: boolean;
    successLog: boolean;
    workerId: string | null;
  }[];
}
