// What a case sent out, as the other ends received it: the notification outbox's rows of the case, each
// found again at the in-process SMTP server or SMS gateway (by the delivery id the dispatcher gives both),
// and the 12345 simulator's work orders for the case.
import assert from 'node:assert/strict';
import { notificationDeliveryId } from '../../infra/notifications/dispatcher.ts';
import { eventually } from '../support/fixtures.ts';
import type { Harness } from './harness.ts';

export interface DeliveredMessage {
  channel: 'email' | 'sms';
  /** The e-mail address, or the SMS's real phone as the gateway got it. */
  to: string;
  subject: string;
  text: string;
}

interface NotificationRow {
  channel: 'email' | 'sms';
  subject: string;
  body: string;
  idempotency_key: string;
  sent_at: Date | null;
}

function received(harness: Harness, row: NotificationRow): DeliveredMessage | undefined {
  const id = notificationDeliveryId(row.idempotency_key);
  if (row.channel === 'sms') {
    const sms = harness.smsInbox.find((message) => message.idempotencyKey === id);
    return sms && { channel: 'sms', to: sms.to, subject: row.subject, text: sms.text };
  }
  const mail = harness.mailbox.find((message) => message.messageId?.includes(id));
  return mail && { channel: 'email', to: mail.to, subject: mail.subject, text: mail.text };
}

/**
 * Every message the outbox holds for the case, once each is sent and has arrived, in the order they were
 * queued. Ask only once the steps that queue them have run (their events are in the database).
 */
export async function deliveredMessages(harness: Harness, caseId: string): Promise<DeliveredMessage[]> {
  return eventually(
    async () => {
      const rows = (await harness
        .db('notifications')
        .where({ case_id: caseId })
        .orderBy('id')) as NotificationRow[];
      const arrived = rows.map((row) => (row.sent_at ? received(harness, row) : undefined));
      return arrived.every((message) => message !== undefined) ? (arrived as DeliveredMessage[]) : undefined;
    },
    { what: `the messages of case ${caseId} to arrive` },
  );
}

/** The messages of the case that match, once at least one has arrived. */
export async function waitForMessages(
  harness: Harness,
  caseId: string,
  match: (message: DeliveredMessage) => boolean,
  what: string,
): Promise<DeliveredMessage[]> {
  return eventually(
    async () => {
      const found = (await deliveredMessages(harness, caseId)).filter(match);
      return found.length > 0 ? found : undefined;
    },
    { what },
  );
}

/** The SMS the gateway really received whose text contains `text`, once one has arrived. */
export function smsSaying(harness: Harness, text: string) {
  return eventually(async () => harness.smsInbox.find((sms) => sms.text.includes(text)), {
    what: `an SMS saying ${text}`,
  });
}

/** The 12345 work orders opened for the case (the case id is their external reference). */
export function workOrdersOf(harness: Harness, caseId: string) {
  return harness.hotline.orders().filter((order) => order.externalReference === caseId);
}

/** Exactly one 营商环境类 work order for the case, and its number is the one the case keeps. */
export async function assertOneWorkOrder(harness: Harness, caseId: string) {
  const orders = workOrdersOf(harness, caseId);
  assert.equal(orders.length, 1, `one 12345 work order for case ${caseId}`);
  const [order] = orders;
  assert.equal(order!.category, '营商环境类');
  const stored = await harness.db('cases').where({ id: caseId }).first('hotline_work_order_number');
  assert.equal(stored.hotline_work_order_number, order!.number);
  return order!;
}
