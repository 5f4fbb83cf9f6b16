// Types for the parts of camunda-external-task-client-js 3.x we use (the package ships none, and
// @types describes 1.3). Only workers/adapter.ts imports the package.
declare module 'camunda-external-task-client-js' {
  export interface ClientVariables {
    get(name: string): unknown;
    getAll(): Record<string, unknown>;
  }
  export interface ClientTask {
    id: string;
    topicName: string;
    businessKey: string | null;
    processInstanceId: string;
    activityId: string;
    retries: number | null;
    variables: ClientVariables;
  }
  export class Variables {
    setTyped(
      name: string,
      typed: { type: string; value: unknown; valueInfo?: Record<string, unknown> },
    ): this;
  }
  export interface TaskService {
    complete(task: ClientTask, variables?: Variables): Promise<void>;
    handleFailure(
      task: ClientTask,
      options: { errorMessage: string; errorDetails?: string; retries: number; retryTimeout: number },
    ): Promise<void>;
    handleBpmnError(task: ClientTask, errorCode: string, errorMessage?: string): Promise<void>;
  }
  export interface ClientOptions {
    baseUrl: string;
    workerId: string;
    maxTasks?: number;
    lockDuration?: number;
    asyncResponseTimeout?: number;
    autoPoll?: boolean;
    usePriority?: boolean;
    interceptors?: unknown;
    use?: unknown;
  }
  export class Client {
    constructor(options: ClientOptions);
    subscribe(
      topic: string,
      options: { lockDuration: number },
      handler: (args: { task: ClientTask; taskService: TaskService }) => Promise<void>,
    ): unknown;
    on(event: string, listener: (...args: unknown[]) => void): this;
    start(): void;
    stop(): void;
  }
  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
}
