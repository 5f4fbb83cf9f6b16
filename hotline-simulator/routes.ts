// The simulated 12345 system's HTTP side: it takes our work orders (checking our signature, one order
// per case) and our withdrawals of them, lists them, and lets an operator record a return visit that it
// posts to our webhook.
import express from 'express';
import { z } from 'zod';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../infra/hotline/signature.ts';
import { renderWorkOrdersPage } from './page.ts';
import { deliverEvent, describeDelivery, newEvent } from './webhook.ts';
import type { DeliveryResult, HotlineEvent } from './webhook.ts';
import type { WorkOrder, WorkOrderBook } from './work-orders.ts';

const workOrderSchema = z.object({
  externalReference: z.string().min(1).max(64),
  category: z.string().min(1).max(32),
  title: z.string().min(1).max(200),
  description: z.string().max(4000),
  responsibleDepartment: z.string().min(1).max(200),
  raterRealName: z.string().max(64).nullable(),
  raterPhone: z.string().max(32).nullable(),
});

// The form sends anything the operator chose; our webhook, not the simulator, judges the value.
const returnVisitSchema = z.object({ result: z.string().min(1).max(32), note: z.string().max(2000) });
const statusSchema = z.object({ status: z.string().min(1).max(32), note: z.string().max(2000).optional() });
const withdrawalSchema = z.object({
  externalReference: z.string().min(1).max(64),
  reason: z.string().max(2000),
});

export interface SimulatorState {
  book: WorkOrderBook;
  secret: string;
  callbackUrl(): string | undefined;
  /** Background deliveries (status updates), awaited on stop. */
  track(delivery: Promise<unknown>): void;
  stopping(): boolean;
}

function refuse(response: express.Response, status: number, id: string, message: string) {
  response.status(status).json({ error: { id, message } });
}

export function createSimulatorApp(state: SimulatorState): express.Express {
  const app = express();
  app.disable('x-powered-by');

  async function send(event: HotlineEvent): Promise<DeliveryResult> {
    const callbackUrl = state.callbackUrl();
    if (!callbackUrl) return { status: 0, body: 'no callback URL set' };
    return deliverEvent({ callbackUrl, secret: state.secret, event, shouldGiveUp: state.stopping });
  }

  /** The raw body of a request we signed (express.raw), or undefined once refused with 401 and `refusal`. */
  function signedBody(
    request: express.Request,
    response: express.Response,
    refusal: string,
  ): Buffer | undefined {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const check = verifySignature({
      secret: state.secret,
      timestamp: request.get(TIMESTAMP_HEADER),
      signature: request.get(SIGNATURE_HEADER),
      body,
      now: new Date(),
    });
    if (check === 'valid') return body;
    refuse(response, 401, `signature.${check}`, refusal);
    return undefined;
  }

  /** The body read by `schema`, or undefined once refused with 400 (not JSON, or `invalid`). */
  function parsedBody<T>(
    body: Buffer,
    schema: z.ZodType<T>,
    response: express.Response,
    invalid: string,
  ): T | undefined {
    let parsed;
    try {
      parsed = schema.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      refuse(response, 400, 'request.malformed_json', '请求内容不是有效的 JSON。');
      return undefined;
    }
    if (parsed.success) return parsed.data;
    refuse(response, 400, 'request.invalid', invalid);
    return undefined;
  }

  app.post('/work-orders', express.raw({ type: () => true, limit: '256kb' }), (request, response) => {
    const body = signedBody(request, response, '签名校验失败，工单未受理。');
    if (!body) return;
    const fields = parsedBody(body, workOrderSchema, response, '工单字段不完整或不正确。');
    if (!fields) return;
    const { order, created } = state.book.open(fields);
    if (created) {
      const event = newEvent('work-order.status', {
        workOrderNumber: order.number,
        externalReference: order.externalReference,
        status: 'accepted',
        note: '热线已受理，按营商环境类投诉办理。',
      });
      state.track(send(event));
    }
    response
      .status(created ? 201 : 200)
      .json({ workOrderNumber: order.number, externalReference: order.externalReference });
  });

  // Our withdrawal of an order whose case ended early (its 差评 confirmed fraudulent): signed like an order, by
  // the order's number, or by our reference when we never learnt the number (a handover answer lost).
  const withdraw = (request: express.Request, response: express.Response, order: WorkOrder | undefined) => {
    const body = signedBody(request, response, '签名校验失败，未撤回工单。');
    if (!body) return;
    if (!order) return refuse(response, 404, 'work_order.not_found', '工单不存在。');
    const withdrawal = parsedBody(body, withdrawalSchema, response, '撤回请求与工单不符。');
    if (!withdrawal) return;
    if (withdrawal.externalReference !== order.externalReference) {
      return refuse(response, 400, 'request.invalid', '撤回请求与工单不符。');
    }
    const { reason } = withdrawal;
    state.book.update(order.number, (changed) => {
      if (changed.status === 'withdrawn') return;
      changed.status = 'withdrawn';
      changed.withdrawal = { reason, at: new Date().toISOString() };
    });
    response.json({ workOrderNumber: order.number, status: 'withdrawn' });
  };
  const rawBody = express.raw({ type: () => true, limit: '16kb' });
  app.post('/work-orders/:number/withdrawal', rawBody, (request, response) =>
    withdraw(request, response, state.book.find(request.params.number)),
  );
  app.post('/work-orders/by-reference/:reference/withdrawal', rawBody, (request, response) =>
    withdraw(request, response, state.book.findByReference(request.params.reference)),
  );

  app.get('/work-orders', (_request, response) => {
    response.json({ workOrders: state.book.list() });
  });

  app.post(
    '/work-orders/:number/return-visit',
    express.json(),
    express.urlencoded({ extended: false }),
    async (request, response) => {
      const order = state.book.find(request.params.number);
      if (!order) return refuse(response, 404, 'work_order.not_found', '工单不存在。');
      const parsed = returnVisitSchema.safeParse(request.body ?? {});
      if (!parsed.success) return refuse(response, 400, 'request.invalid', '请选择回访结果并填写回访记录。');
      const event = newEvent('return-visit.recorded', {
        workOrderNumber: order.number,
        externalReference: order.externalReference,
        result: parsed.data.result,
        note: parsed.data.note,
      });
      const delivered = await send(event);
      const accepted = delivered.status >= 200 && delivered.status < 300;
      state.book.update(order.number, (changed) => {
        changed.lastDelivery = describeDelivery(delivered);
        // A refused result stays unrecorded, so the operator can correct it and record again.
        if (accepted) {
          changed.status = 'return-visited';
          changed.returnVisit = {
            ...parsed.data,
            recordedAt: event.occurredAt,
            delivery: changed.lastDelivery,
          };
        }
      });
      if (request.is('application/x-www-form-urlencoded')) return response.redirect(303, '/');
      response
        .status(accepted ? 200 : 502)
        .json({ eventId: event.id, delivered: accepted, webhook: delivered });
    },
  );

  app.post('/work-orders/:number/status', express.json(), async (request, response) => {
    const order = state.book.find(request.params.number);
    if (!order) return refuse(response, 404, 'work_order.not_found', '工单不存在。');
    const parsed = statusSchema.safeParse(request.body ?? {});
    if (!parsed.success) return refuse(response, 400, 'request.invalid', '请填写工单状态。');
    state.book.update(order.number, (changed) => {
      changed.status = parsed.data.status;
    });
    const event = newEvent('work-order.status', {
      workOrderNumber: order.number,
      externalReference: order.externalReference,
      ...parsed.data,
    });
    const delivered = await send(event);
    state.book.update(order.number, (changed) => {
      changed.lastDelivery = describeDelivery(delivered);
    });
    response.status(delivered.status >= 200 && delivered.status < 300 ? 200 : 502).json({
      eventId: event.id,
      webhook: delivered,
    });
  });

  app.get('/', (_request, response) => {
    response.type('html').send(renderWorkOrdersPage(state.book.list(), state.callbackUrl()));
  });

  return app;
}
