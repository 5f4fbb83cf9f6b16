// Building blocks for tests: 办件 and ratings shaped as the API takes them.
import { randomUUID } from 'node:crypto';
import { DEMO_PARTNER_KEY } from '../../infra/seed/demo-channels.ts';

/** What a handling system sends with each 办件 it reports (POST /api/service-records): its key. */
export const HANDLING_SYSTEM_HEADERS = { 'x-partner-key': DEMO_PARTNER_KEY };

export function serviceRecordBody(overrides: Record<string, unknown> = {}) {
  return {
    id: `SR-${randomUUID().slice(0, 12)}`,
    itemCode: 'XA-SC-0001',
    handlingDepartmentId: 'xa-market',
    institutionId: 'xa-hall-w01',
    channel: 'window',
    acceptedAt: '2026-11-20T09:00:00+08:00',
    promisedAt: '2026-11-27T17:00:00+08:00',
    completedAt: '2026-11-25T10:00:00+08:00',
    ...overrides,
  };
}

export function badReviewBody(serviceRecordId: string, overrides: Record<string, unknown> = {}) {
  return {
    serviceRecordId,
    channel: 'qr-code',
    level: 'very-dissatisfied',
    tags: ['态度生硬'],
    text: '窗口人员答复不耐烦',
    realName: true,
    rater: { name: '张三', phone: '13812345678' },
    ...overrides,
  };
}

/** `headers`: e.g. a signed-in staff session's (test/support/staff.ts). */
export async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

export async function getJson(baseUrl: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Polls until check returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
