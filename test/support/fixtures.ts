// Building blocks for tests: 办件 and ratings shaped as the API takes them.
import { randomUUID } from 'node:crypto';
import { DEMO_PARTNER_KEY } from '../../infra/seed/demo-channels.ts';
import type { Protector } from '../../infra/protector.ts';
import { ratingPageUrl } from '../../domain/evaluation/rating-links.ts';

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

/** A 办件 reported by the handling system (serviceRecordBody with `overrides`); its id once stored (201). */
export async function registeredServiceRecord(
  baseUrl: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const record = serviceRecordBody(overrides);
  const created = await postJson(baseUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
  if (created.status !== 201)
    throw new Error(`办件 not registered: ${created.status} ${JSON.stringify(created.body)}`);
  return record.id;
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

/** The key a world's receipts' 评价码 come from (its server's protector). */
export type RatingCodeKey = Pick<Protector, 'ratingCode'>;

/**
 * POST /api/evaluations as the rating page sends it: with the 办件's 评价码 from its receipt, unless the body
 * gives one (a test of a missing or wrong code).
 */
export function postRating(
  baseUrl: string,
  key: RatingCodeKey,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const ratingCode = key.ratingCode(String(body.serviceRecordId));
  return postJson(baseUrl, '/api/evaluations', { ratingCode, ...body }, headers);
}

/** The rating page a 办件's receipt QR code opens: its number and its 评价码. */
export function receiptPageUrl(baseUrl: string, key: RatingCodeKey, serviceRecordId: string): string {
  return ratingPageUrl(baseUrl, { serviceRecordId, ratingCode: key.ratingCode(serviceRecordId) });
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
