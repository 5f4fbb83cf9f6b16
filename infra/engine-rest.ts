// A small typed client for the parts of Operaton's REST API (/engine-rest) that the server, the start
// script and the tests use. Workers use camunda-external-task-client-js instead (workers/adapter.ts).
import { toEngineVariables } from './engine-variables.ts';
import type { EngineVariables } from './engine-variables.ts';

export class EngineError extends Error {
  readonly status: number;
  /** The engine's exception type from the REST error body (e.g. OptimisticLockingException), when given. */
  readonly type: string | undefined;
  /** The engine's error code from the REST error body (1: optimistic locking), when given. */
  readonly code: number | undefined;
  constructor(status: number, message: string, { type, code }: { type?: string; code?: number } = {}) {
    super(message);
    this.name = 'EngineError';
    this.status = status;
    this.type = type;
    this.code = code;
  }
}

/**
 * The engine refused because another transaction changed the same process instance first (Operaton's
 * OptimisticLockingException). Nothing of the refused call was kept: it may be tried again. The task
 * resource wraps it (type RestException, status 500) but keeps its error code, 1; older engines give only
 * the message (ENGINE-03005 … "Entity was updated by another transaction concurrently").
 */
export function isOptimisticLockingFailure(error: unknown): boolean {
  if (!(error instanceof EngineError) || error.status !== 500) return false;
  return (
    error.type === 'OptimisticLockingException' || error.code === 1 || CONCURRENT_CHANGE.test(error.message)
  );
}

/**
 * How the engine words an optimistic-locking refusal, whichever client relays it. ENGINE-03077 ("Cannot resolve
 * parent … perhaps it was deleted in the meantime") is the same race seen from the other side: a completion that
 * read an execution another transaction then ended; it is rolled back too, and tried again meets the new state
 * (a CI run's hotline-withdraw report refused so, left locked for its 30 s, held its case open past a test's wait).
 */
export const CONCURRENT_CHANGE =
  /OptimisticLockingException|updated by another transaction concurrently|ENGINE-03077|deleted in the meantime/i;

/**
 * Tries `attempt` again (up to `attempts` times in all, after a short growing pause) on a locking failure —
 * told by `isConflict`, by default our client's (isOptimisticLockingFailure).
 */
export async function retryingEngineConflicts<T>(
  attempt: () => Promise<T>,
  {
    attempts = 5,
    pauseMs = 50,
    isConflict = isOptimisticLockingFailure,
  }: { attempts?: number; pauseMs?: number; isConflict?: (error: unknown) => boolean } = {},
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error: unknown) {
      if (tried >= attempts || !isConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * tried * (1 + Math.random())));
    }
  }
}

export interface EngineTask {
  id: string;
  name: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  description?: string | null;
  owner?: string | null;
  delegationState?: string | null;
  priority?: number;
  parentTaskId?: string | null;
  caseInstanceId?: string | null;
  tenantId?: string | null;
}

/**
 * Body of PUT /task/{id}. The engine overwrites every one of these properties (an omitted one becomes null,
 * priority 0), so an update sends the task's current values with only the intended change.
 */
export interface EngineTaskUpdate {
  name: string;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  delegationState: string | null;
  due: string | null;
  followUp: string | null;
  priority: number;
  parentTaskId: string | null;
  caseInstanceId: string | null;
  tenantId: string | null;
}

export interface EngineProcessInstance {
  id: string;
  businessKey: string | null;
  definitionId: string;
  ended: boolean;
}

export interface EngineActivityInstance {
  id: string;
  activityId: string;
  activityType: string;
  childActivityInstances: EngineActivityInstance[];
  childTransitionInstances: { activityId: string }[];
}

export interface EngineJob {
  id: string;
  dueDate: string | null;
  processInstanceId: string;
  retries: number;
  exceptionMessage: string | null;
}

export interface DeploymentFile {
  name: string;
  content: string;
}

export interface EngineClientOptions {
  baseUrl: string;
  credentials?: { username: string; password: string } | undefined;
  timeoutMs?: number;
}

export function createEngineClient({ baseUrl, credentials, timeoutMs = 10_000 }: EngineClientOptions) {
  const authorization = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : undefined;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (authorization) headers.authorization = authorization;
    let payload: RequestInit['body'] | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: payload ?? null,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      let body: { message?: string; type?: string; code?: number } = {};
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object') body = parsed as typeof body;
      } catch {
        // not JSON: keep the text
      }
      const message = body.message ?? text;
      throw new EngineError(response.status, `${method} ${path}: ${response.status} ${message}`, {
        ...(typeof body.type === 'string' ? { type: body.type } : {}),
        ...(typeof body.code === 'number' ? { code: body.code } : {}),
      });
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    baseUrl,

    /** Duplicate filtering: an unchanged model makes no new version. */
    async deploy(name: string, files: DeploymentFile[]) {
      const form = new FormData();
      form.set('deployment-name', name);
      form.set('deployment-source', 'hcp');
      form.set('enable-duplicate-filtering', 'true');
      form.set('deploy-changed-only', 'true');
      for (const file of files)
        form.set(file.name, new Blob([file.content], { type: 'text/xml' }), file.name);
      return call<{ id: string; deployedProcessDefinitions: Record<string, unknown> | null }>(
        'POST',
        '/deployment/create',
        form,
      );
    },

    startProcess: (key: string, businessKey: string, variables: Record<string, unknown>) =>
      call<{ id: string; businessKey: string }>(
        'POST',
        `/process-definition/key/${encodeURIComponent(key)}/start`,
        {
          businessKey,
          variables: toEngineVariables(variables),
        },
      ),

    processInstances: (query: Record<string, string>) =>
      call<EngineProcessInstance[]>('GET', `/process-instance?${new URLSearchParams(query)}`),

    historicProcessInstances: (query: Record<string, string>) =>
      call<
        {
          id: string;
          businessKey: string;
          state: string;
          endTime: string | null;
          processDefinitionId: string;
          processDefinitionKey: string;
        }[]
      >('GET', `/history/process-instance?${new URLSearchParams(query)}`),

    historicActivities: (processInstanceId: string) =>
      call<{ activityId: string; activityType: string; endTime: string | null }[]>(
        'GET',
        `/history/activity-instance?${new URLSearchParams({ processInstanceId, sortBy: 'startTime', sortOrder: 'asc' })}`,
      ),

    /** The start form's variables of a process's latest version; asking parses the model into the cache. */
    startFormVariables: (key: string) =>
      call<Record<string, unknown>>(
        'GET',
        `/process-definition/key/${encodeURIComponent(key)}/form-variables`,
      ),

    /** Evaluates the latest version of a DMN decision; one result row per matched rule. */
    evaluateDecision: (key: string, variables: Record<string, unknown>) =>
      call<Record<string, { value: unknown; type: string }>[]>(
        'POST',
        `/decision-definition/key/${encodeURIComponent(key)}/evaluate`,
        { variables: toEngineVariables(variables) },
      ),

    tasks: (query: Record<string, unknown>) => call<EngineTask[]>('POST', '/task', query),
    /** POST /task with paging (firstResult, maxResults as query parameters, as the engine wants them). */
    taskPage: (query: Record<string, unknown>, firstResult: number, maxResults: number) =>
      call<EngineTask[]>('POST', `/task?firstResult=${firstResult}&maxResults=${maxResults}`, query),
    taskCount: (query: Record<string, unknown>) =>
      call<{ count: number }>('POST', '/task/count', query).then((answer) => answer.count),
    taskIdentityLinks: (id: string) =>
      call<{ userId: string | null; groupId: string | null; type: string }[]>(
        'GET',
        `/task/${encodeURIComponent(id)}/identity-links`,
      ),
    claimTask: (id: string, userId: string) =>
      call<void>('POST', `/task/${encodeURIComponent(id)}/claim`, { userId }),
    unclaimTask: (id: string) => call<void>('POST', `/task/${encodeURIComponent(id)}/unclaim`),
    setTaskAssignee: (id: string, userId: string) =>
      call<void>('POST', `/task/${encodeURIComponent(id)}/assignee`, { userId }),
    historicTaskCount: (query: Record<string, string>) =>
      call<{ count: number }>('GET', `/history/task/count?${new URLSearchParams(query)}`).then(
        (answer) => answer.count,
      ),
    historicTasks: (query: Record<string, string>) =>
      call<
        {
          id: string;
          name: string;
          taskDefinitionKey: string;
          processInstanceId: string;
          processDefinitionId: string;
          assignee: string | null;
          startTime: string;
          endTime: string | null;
          due: string | null;
        }[]
      >('GET', `/history/task?${new URLSearchParams(query)}`),
    processDefinitionXml: (id: string) =>
      call<{ id: string; bpmn20Xml: string }>('GET', `/process-definition/${encodeURIComponent(id)}/xml`),
    processDefinition: (id: string) =>
      call<{ id: string; key: string; name: string | null; version: number }>(
        'GET',
        `/process-definition/${encodeURIComponent(id)}`,
      ),
    activityInstanceTree: (processInstanceId: string) =>
      call<EngineActivityInstance>(
        'GET',
        `/process-instance/${encodeURIComponent(processInstanceId)}/activity-instances`,
      ),
    /**
     * DELETE /process-instance/{id}: ends a running instance from outside, its called instances with it (their
     * history reads EXTERNALLY_TERMINATED); an instance already gone is no error.
     */
    deleteProcessInstance: (processInstanceId: string) =>
      call<void>(
        'DELETE',
        `/process-instance/${encodeURIComponent(processInstanceId)}?skipCustomListeners=true&failIfNotExists=false`,
      ),
    /** POST /process-instance/{id}/modification: cancel and start activities (e.g. a send-back). */
    modifyProcessInstance: (
      processInstanceId: string,
      instructions: Record<string, unknown>[],
      annotation: string,
    ) =>
      call<void>('POST', `/process-instance/${encodeURIComponent(processInstanceId)}/modification`, {
        instructions,
        skipCustomListeners: false,
        skipIoMappings: false,
        annotation,
      }),
    task: (id: string) => call<EngineTask>('GET', `/task/${encodeURIComponent(id)}`),
    taskVariables: (id: string) =>
      call<EngineVariables>('GET', `/task/${encodeURIComponent(id)}/variables?deserializeValues=false`),
    updateTask: (id: string, update: EngineTaskUpdate) =>
      call<void>('PUT', `/task/${encodeURIComponent(id)}`, update),
    completeTask: (id: string, variables: Record<string, unknown>) =>
      call<void>('POST', `/task/${encodeURIComponent(id)}/complete`, {
        variables: toEngineVariables(variables),
      }),

    /** POST /process-instance/{id}/variables: sets (or replaces) variables of the instance's own scope. */
    setProcessVariables: (processInstanceId: string, variables: Record<string, unknown>) =>
      call<void>('POST', `/process-instance/${encodeURIComponent(processInstanceId)}/variables`, {
        modifications: toEngineVariables(variables),
      }),

    processVariables: (processInstanceId: string) =>
      call<EngineVariables>(
        'GET',
        `/process-instance/${encodeURIComponent(processInstanceId)}/variables?deserializeValues=false`,
      ),

    jobs: (query: Record<string, string>) => call<EngineJob[]>('GET', `/job?${new URLSearchParams(query)}`),
    executeJob: (id: string) => call<void>('POST', `/job/${encodeURIComponent(id)}/execute`),
    setJobDueDate: (id: string, duedate: string) =>
      call<void>('PUT', `/job/${encodeURIComponent(id)}/duedate`, { duedate }),

    /** Locks up to one task of a topic for `workerId`, with all its variables (as a worker would). */
    fetchAndLock: (workerId: string, topicName: string, lockDuration: number) =>
      call<
        {
          id: string;
          topicName: string;
          businessKey: string | null;
          processInstanceId: string;
          activityId: string;
          variables: EngineVariables;
        }[]
      >('POST', '/external-task/fetchAndLock', {
        workerId,
        maxTasks: 1,
        topics: [{ topicName, lockDuration }],
      }),

    externalTasks: (query: Record<string, string>) =>
      call<{ id: string; topicName: string; retries: number | null; errorMessage: string | null }[]>(
        'GET',
        `/external-task?${new URLSearchParams(query)}`,
      ),

    /**
     * POST /message: delivers a message to the one execution of the instance with this business key that
     * waits for it. The engine answers 400 when none (or more than one) waits: see isMessageNotAwaited.
     */
    correlateMessage: (messageName: string, businessKey: string, processVariables: Record<string, unknown>) =>
      call<void>('POST', '/message', {
        messageName,
        businessKey,
        processVariables: toEngineVariables(processVariables),
      }),

    // The modeler (issue 7): definitions of either kind, their XML, and deploys that always make a
    // new version (a process owner's deploy or rollback is a decision, never filtered as a duplicate).
    definitions: (kind: 'process' | 'decision', query: Record<string, string>) =>
      call<EngineDefinition[]>('GET', `/${kind}-definition?${new URLSearchParams(query)}`),
    definitionXml: (kind: 'process' | 'decision', id: string) =>
      call<{ id: string; bpmn20Xml?: string; dmnXml?: string }>(
        'GET',
        `/${kind}-definition/${encodeURIComponent(id)}/xml`,
      ),
    deploymentById: (id: string) =>
      call<{ id: string; name: string | null; deploymentTime: string; source: string | null }>(
        'GET',
        `/deployment/${encodeURIComponent(id)}`,
      ),
    async deployNewVersion(name: string, source: string, file: DeploymentFile) {
      const form = new FormData();
      form.set('deployment-name', name);
      form.set('deployment-source', source);
      form.set(file.name, new Blob([file.content], { type: 'text/xml' }), file.name);
      return call<{
        id: string;
        deploymentTime: string;
        deployedProcessDefinitions: Record<string, EngineDefinition> | null;
        deployedDecisionDefinitions: Record<string, EngineDefinition> | null;
      }>('POST', '/deployment/create', form);
    },
  };
}

/** A process or decision definition as GET /process-definition and /decision-definition list them. */
export interface EngineDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  resource: string;
}

/** The engine did not answer at all (refused, reset, timed out), as opposed to answering with an error. */
export function isEngineUnreachable(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof EngineError) return false;
  return error.name === 'TimeoutError' || error.name === 'AbortError' || /fetch failed/i.test(error.message);
}

/** The engine's answer when no execution waits for a correlated message (MismatchingMessageCorrelation). */
export function isMessageNotAwaited(error: unknown): boolean {
  return (
    error instanceof EngineError &&
    error.status === 400 &&
    /MismatchingMessageCorrelation|Cannot correlate message/i.test(error.message)
  );
}

export type EngineClient = ReturnType<typeof createEngineClient>;
