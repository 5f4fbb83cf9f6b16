// The one way the UI talks to the server (docs/tasklist-api.md): JSON in and out, the session's CSRF token
// on every unsafe request, catalogue errors as ApiError, and a 401 sends the user back to the login screen.

export interface FieldProblem {
  path: string;
  problem: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly id: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, id: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.id = id;
    this.details = details;
  }

  /** details.fields of task.form_invalid (and request.invalid): the problems by field path. */
  get fields(): FieldProblem[] {
    const fields = this.details?.fields;
    return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
  }
}

let csrfToken = '';
let onUnauthorized: (error: ApiError) => void = () => undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called on any 401 except the login call itself (the session is over or never was). */
export function whenUnauthorized(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { id?: string; message?: string; details?: Record<string, unknown> } } | undefined;
  const error = body?.error;
  return new ApiError(
    response.status,
    error?.id ?? `http.${response.status}`,
    error?.message ?? `请求失败（HTTP ${response.status}），请稍后重试。`,
    error?.details,
  );
}

export interface RequestOptions {
  /** Leave 401 to the caller (the login screen's own wrong password). */
  quietUnauthorized?: boolean;
  headers?: Record<string, string>;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试。');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.quietUnauthorized) onUnauthorized(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) =>
  request<T>('POST', path, body ?? {}, options);

/** A query string of the given values, leaving out empty ones. */
export function query(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
