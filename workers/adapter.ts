// The typed adapter over camunda-external-task-client-js. Every topic worker returns an Outcome; the
// adapter turns it into exactly one engine call. A handler that throws becomes handleFailure with
// retries counting down (the bare client would only emit an event and leave the task locked).
import { BasicAuthInterceptor, Client, Variables } from 'camunda-external-task-client-js';
import type { ClientTask, TaskService } from 'camunda-external-task-client-js';
import { toEngineVariable } from '../infra/engine-variables.ts';
import { CONCURRENT_CHANGE, retryingEngineConflicts } from '../infra/engine-rest.ts';
import type { BpmnErrorCode } from './bpmn-errors.ts';
import { errorMessage } from '../infra/error-message.ts';
import { isCaseClosed } from '../infra/stores/case-store.ts';
import { awaitCaseTurn } from '../infra/stores/case-turns.ts';
import type { Db } from '../infra/db.ts';

export interface ExternalTask {
  id: string;
  topic: string;
  businessKey: string | null;
  processInstanceId: string;
  activityId: string;
  /** Retries left as the engine reports them: null (or absent) on the first delivery. */
  retries?: number | null;
  variable(name: string): unknown;
}

export type Outcome =
  | { kind: 'complete'; variables?: Record<string, unknown> }
  | { kind: 'bpmn-error'; code: BpmnErrorCode; message: string }
  | {
      kind: 'failure';
      message: string;
      retryTimeoutMs?: number;
      /** Not a fault but "not yet": the task comes back after retryTimeoutMs with its retries as they were. */
      keepRetries?: boolean;
    };

export interface TopicWorker {
  topic: string;
  lockDurationMs: number;
  /** Failed deliveries before an incident, when DEFAULT_RETRIES is too few (an outside system's outage). */
  retries?: number;
  handle(task: ExternalTask): Promise<Outcome>;
}

/** A step of a case: the business key is the case id; a task without one fails rather than guess. */
export function caseStepWorker(
  topic: string,
  lockDurationMs: number,
  handle: (caseId: string, task: ExternalTask) => Promise<Outcome>,
  options: { retries?: number } = {},
): TopicWorker {
  return {
    topic,
    lockDurationMs,
    ...options,
    handle: (task) =>
      task.businessKey
        ? handle(task.businessKey, task)
        : Promise.resolve({ kind: 'failure', message: 'process instance has no business key (case id)' }),
  };
}

/**
 * A step of a case that runs only while the case is not closed. Ending a case early (its 差评 confirmed
 * fraudulent: bad-review's 确认刷评) withdraws its tasks, but one a worker had already fetched still comes
 * here: on a closed case it completes, writing and sending nothing (the engine has dropped the task anyway).
 * It first waits for a task completion of the case under way to commit (awaitCaseTurn).
 */
export function openCaseStepWorker(
  db: Db,
  topic: string,
  lockDurationMs: number,
  handle: (caseId: string, task: ExternalTask) => Promise<Outcome>,
  options: { retries?: number } = {},
): TopicWorker {
  return caseStepWorker(
    topic,
    lockDurationMs,
    async (caseId, task) => {
      // The task may come while the completion that led to it is still committing what its form wrote.
      await awaitCaseTurn(db, caseId);
      return (await isCaseClosed(db, caseId)) ? { kind: 'complete' } : handle(caseId, task);
    },
    options,
  );
}

/**
 * A step of a process keyed by something other than a case (the 办件 id of an evaluation invitation):
 * `keyName` says what the business key is, for the failure of a task that has none.
 */
export function keyedStepWorker(
  topic: string,
  lockDurationMs: number,
  keyName: string,
  handle: (key: string, task: ExternalTask) => Promise<Outcome>,
  options: { retries?: number } = {},
): TopicWorker {
  return {
    topic,
    lockDurationMs,
    ...options,
    handle: (task) =>
      task.businessKey
        ? handle(task.businessKey, task)
        : Promise.resolve({ kind: 'failure', message: `process instance has no business key (${keyName})` }),
  };
}

export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_TIMEOUT_MS = 10_000;

/**
 * Failed deliveries before an incident for a step nobody watches (an 办件's invitation, art. 10): an hour of
 * retries DEFAULT_RETRY_TIMEOUT_MS apart, so a database restart or a short outage does not leave a 办件
 * without its window (never reminded, rateable for ever) or without its 未评 until someone retries by hand.
 */
export const UNWATCHED_STEP_RETRIES = 360;

export function toExternalTask(task: ClientTask): ExternalTask {
  return {
    id: task.id,
    topic: task.topicName,
    businessKey: task.businessKey,
    processInstanceId: task.processInstanceId,
    activityId: task.activityId,
    retries: task.retries,
    variable: (name) => task.variables.get(name),
  };
}

/** Retries left after this failure: the engine sends null on the first delivery, so we start at `initial`. */
export function remainingRetries(current: number | null | undefined, initial = DEFAULT_RETRIES): number {
  return Math.max((current ?? initial) - 1, 0);
}

/** What handleFailure tells the engine for a failure outcome of a task with `current` retries left. */
export function failureReport(
  outcome: Extract<Outcome, { kind: 'failure' }>,
  current: number | null | undefined,
  initialRetries = DEFAULT_RETRIES,
) {
  return {
    errorMessage: outcome.message.slice(0, 500),
    errorDetails: outcome.message,
    retries: outcome.keepRetries ? (current ?? initialRetries) : remainingRetries(current, initialRetries),
    retryTimeout: outcome.retryTimeoutMs ?? DEFAULT_RETRY_TIMEOUT_MS,
  };
}

async function settle(
  task: ClientTask,
  taskService: TaskService,
  outcome: Outcome,
  initialRetries: number,
): Promise<void> {
  if (outcome.kind === 'complete') {
    const variables = new Variables();
    for (const [name, value] of Object.entries(outcome.variables ?? {})) {
      variables.setTyped(name, toEngineVariable(value));
    }
    await taskService.complete(task, variables);
  } else if (outcome.kind === 'bpmn-error') {
    await taskService.handleBpmnError(task, outcome.code, outcome.message);
  } else {
    await taskService.handleFailure(task, failureReport(outcome, task.retries, initialRetries));
  }
}

/**
 * The engine refused the outcome because another transaction changed the process instance first (two branches'
 * steps ending at once: a 差评 not adopted closes while its 12345 work order is withdrawn). Nothing was kept,
 * so it is reported again at once, a few times, rather than left to come back after its lock expires. The
 * external-task client relays the engine's words only, not our EngineError.
 */
export function settleRetryingConflicts(report: () => Promise<void>, attempts = 5): Promise<void> {
  return retryingEngineConflicts(report, {
    attempts,
    isConflict: (error) => CONCURRENT_CHANGE.test(String((error as Error | undefined)?.message ?? error)),
  });
}

/** Runs a worker's handler; any exception is a failure outcome, never an escaped throw. */
export async function runHandler(worker: TopicWorker, task: ExternalTask): Promise<Outcome> {
  try {
    return await worker.handle(task);
  } catch (error: unknown) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { kind: 'failure', message };
  }
}

export interface WorkerHostOptions {
  baseUrl: string;
  workerId: string;
  credentials?: { username: string; password: string } | undefined;
  workers: TopicWorker[];
  log: (line: string) => void;
}

export function startWorkerHost({ baseUrl, workerId, credentials, workers, log }: WorkerHostOptions) {
  const client = new Client({
    baseUrl,
    workerId,
    maxTasks: 10,
    asyncResponseTimeout: 10_000, // long polling: a new task is picked up at once, not on the next poll
    usePriority: true,
    ...(credentials ? { interceptors: new BasicAuthInterceptor(credentials) } : {}),
  });
  // What the client has in hand. stop() sends no new poll, but the long poll already open stays at the
  // engine until its asyncResponseTimeout and still locks any task that appears meanwhile; a task it
  // brings is handled like any other. idle() waits for both, so nothing is taken after it resolves.
  let pollOpen = false;
  let tasksInHand = 0;
  let idleWaiters: (() => void)[] = [];
  const settleIfIdle = () => {
    if (pollOpen || tasksInHand > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  client.on('poll:start', () => {
    pollOpen = true;
  });
  client.on('poll:success', (tasks) => {
    pollOpen = false;
    // The client emits this before it hands the tasks to the handlers: count them in hand now.
    tasksInHand += Array.isArray(tasks) ? tasks.length : 0;
    settleIfIdle();
  });
  // The client retries a failed poll every few hundred ms: say so once per 30 s, not every time.
  let lastPollErrorLoggedAt = 0;
  client.on('poll:error', (error) => {
    pollOpen = false;
    settleIfIdle();
    if (Date.now() - lastPollErrorLoggedAt < 30_000) return;
    lastPollErrorLoggedAt = Date.now();
    const message = errorMessage(error);
    // A refused login is no outage: it will not pass by itself, so say what to fix.
    if ((error as { httpStatusCode?: number } | undefined)?.httpStatusCode === 401)
      log(`the engine refused our credentials (check ENGINE_ADMIN_USER / ENGINE_ADMIN_PASSWORD): ${message}`);
    else log(`cannot reach the engine (retrying): ${message}`);
  });
  client.on('complete:error', (_task, error) => log(`complete error: ${String(error)}`));
  client.on('handleFailure:error', (_task, error) => log(`handleFailure error: ${String(error)}`));
  for (const worker of workers) {
    client.subscribe(worker.topic, { lockDuration: worker.lockDurationMs }, async ({ task, taskService }) => {
      try {
        const outcome = await runHandler(worker, toExternalTask(task));
        if (outcome.kind === 'failure')
          log(`${worker.topic} ${task.id}: failure: ${outcome.message.split('\n')[0]}`);
        try {
          await settleRetryingConflicts(() =>
            settle(task, taskService, outcome, worker.retries ?? DEFAULT_RETRIES),
          );
        } catch (error: unknown) {
          // The engine did not take the outcome (lock lost, engine down): the task comes back after its lock.
          log(`${worker.topic} ${task.id}: could not report outcome: ${String(error)}`);
        }
      } finally {
        tasksInHand -= 1;
        settleIfIdle();
      }
    });
  }
  return {
    stop: () => client.stop(),
    /** Resolves once no poll is open at the engine and every task taken is settled (after stop(): for good). */
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIfIdle();
      }),
  };
}
