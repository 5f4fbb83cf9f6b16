// Calls to the server's /api with the session cookie and the CSRF token (docs/tasklist-api.md).
export interface ApiError {
  id: string;
  message: string;
  details?: Record<string, unknown>;
}

export class ApiFailure extends Error {
  readonly status: number;
  readonly error: ApiError;
  constructor(status: number, error: ApiError) {
    super(error.message);
    this.status = status;
    this.error = error;
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const payload = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (payload as { error?: ApiError } | undefined)?.error ?? {
      id: 'internal',
      message: `请求失败（${response.status}）`,
    };
    throw new ApiFailure(response.status, error);
  }
  return payload as T;
}

/** Signs in (a new session, ending the one this browser held) and keeps its CSRF token for what follows. */
export async function signIn(userId: string, password: string): Promise<SessionUser> {
  const { user, csrfToken } = await api<{ user: SessionUser; csrfToken: string }>('POST', '/auth/login', {
    userId,
    password,
  });
  setCsrfToken(csrfToken);
  return user;
}

export interface SessionUser {
  id: string;
  name: string;
  role: string;
}

export interface ModelSummary {
  kind: 'bpmn' | 'dmn';
  key: string;
  name: string | null;
  file: string | null;
  deployedVersion: number | null;
}

export interface ModelProblem {
  rule: string;
  category: 'error' | 'warn' | 'info';
  elementId?: string;
  elementName?: string;
  message: string;
}

export interface ElementChange {
  id: string;
  type: string;
  name?: string;
  previousName?: string;
}

export interface ModelDiff {
  base: { origin: 'deployed' | 'file'; version: number | null } | null;
  added: ElementChange[];
  removed: ElementChange[];
  changed: ElementChange[];
}

export interface ModelVersion {
  version: number;
  definitionId: string;
  deployedAt: string | null;
  deployedBy: { id: string | null; name: string | null };
  sourceDraftId: string | null;
  rollbackOfVersion: number | null;
}

export interface DraftSummary {
  id: string;
  kind: 'bpmn' | 'dmn';
  key: string;
  revision: number;
  conflictOf: string | null;
  updatedBy: { id: string; name: string | null };
  updatedAt: string;
}
