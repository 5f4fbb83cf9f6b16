// Drains the notification outbox in the server process: every due row is sent by e-mail or SMS and
// marked sent; a failure keeps the row with its error and an exponential back-off, so an unreachable
// SMTP server or SMS gateway loses nothing and delays the message only until it answers again.
//
// A reminder no longer wanted when its turn comes (its 办件 rated meanwhile, its window over) is withdrawn,
// not sent, with the reason kept (./reminder-relevance.ts).
//
// Delivery is at least once. The row stays locked (FOR UPDATE SKIP LOCKED, so several server
// processes never send the same row at the same time) while it is sent, and is marked sent in the
// same transaction right after the SMTP server or gateway accepted it. Only a crash or a lost
// database connection in that instant sends the message again on the next pass; the stable
// Message-ID and Idempotency-Key let mail clients and gateways recognise the repeat.
import { createHash } from 'node:crypto';
import type { Db } from '../db.ts';
import type { Protector } from '../protector.ts';
import type { Mailer } from './mailer.ts';
import type { SmsGateway } from './sms-gateway.ts';
import type { NotificationChannel } from './outbox.ts';
import { errorMessage } from '../error-message.ts';
import { redactContact } from '../../domain/evaluation/masking.ts';
import { reminderWithdrawalReason } from './reminder-relevance.ts';

interface NotificationRow {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  recipient_encrypted: boolean;
  recipient_masked: string;
  subject: string;
  body: string;
  idempotency_key: string;
  attempts: number;
}

export interface NotificationDispatcherDeps {
  db: Db;
  /** Unset: SMTP is not configured and e-mail stays queued. */
  mailer: Mailer | undefined;
  /** Unset: no SMS gateway is configured and SMS stays queued. */
  sms: SmsGateway | undefined;
  /** Decrypts raters' phones (stored encrypted) at the moment of sending. */
  protector: Protector;
  clock: () => Date;
  log: (line: string) => void;
  intervalMs?: number;
}

/** After the n-th failed attempt: 10 s, 20 s, 40 s … capped at 5 minutes. */
export function notificationRetryDelayMs(attempts: number): number {
  return Math.min(300_000, 10_000 * 2 ** Math.max(0, Math.min(attempts - 1, 10)));
}

/**
 * Stable across attempts and ASCII-only, unlike the caller's idempotency key: the SMS gateway's
 * Idempotency-Key and the mail's Message-ID (<id@hcp.notifications>), by which a receiver knows a repeat.
 */
export function notificationDeliveryId(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
}

const deliveryId = (row: NotificationRow) => notificationDeliveryId(row.idempotency_key);

export function createNotificationDispatcher(deps: NotificationDispatcherDeps) {
  const { db, mailer, sms, protector, clock, log, intervalMs = 1000 } = deps;
  const configured: NotificationChannel[] = [
    ...(mailer ? (['email'] as const) : []),
    ...(sms ? (['sms'] as const) : []),
  ];
  let warned = false;
  let timer: NodeJS.Timeout | undefined;
  let passes: Promise<unknown> = Promise.resolve();
  let pending: Promise<number> | undefined;

  function warnUnconfiguredOnce() {
    if (warned) return;
    warned = true;
    if (!mailer) log('SMTP_URL is not set: e-mail notifications stay queued until it is (邮件通知暂存待发)');
    if (!sms) log('SMS_GATEWAY_URL is not set: SMS notifications stay queued until it is (短信通知暂存待发)');
  }

  async function deliver(row: NotificationRow): Promise<void> {
    if (row.channel === 'email') {
      if (!mailer) throw new Error('SMTP is not configured');
      await mailer.send({
        to: row.recipient,
        subject: row.subject,
        text: row.body,
        messageId: `<${deliveryId(row)}@hcp.notifications>`,
      });
    } else {
      if (!sms) throw new Error('no SMS gateway is configured');
      const to = row.recipient_encrypted ? protector.decrypt(row.recipient) : row.recipient;
      try {
        await sms.send({ to, text: row.body, idempotencyKey: deliveryId(row) });
      } catch (error: unknown) {
        // The stored error is shown to supervisors: a gateway echoing the phone must not leak it.
        throw new Error(redactContact(errorMessage(error), { phone: to }));
      }
    }
  }

  /** One row in its own transaction; which channel failed, or whether a row was sent or withdrawn at all. */
  async function sendNext(
    channels: NotificationChannel[],
  ): Promise<'sent' | 'withdrawn' | 'none' | NotificationChannel> {
    return db.transaction(async (trx) => {
      const row = await trx<NotificationRow>('notifications')
        .whereNull('sent_at')
        .whereNull('withdrawn_at')
        .whereIn('channel', channels)
        .where('available_at', '<=', clock())
        .orderBy('available_at')
        .orderBy('id')
        .forUpdate()
        .skipLocked()
        .first();
      if (!row) return 'none';
      const withdrawal = await reminderWithdrawalReason(trx, row.idempotency_key, clock());
      if (withdrawal) {
        await trx('notifications')
          .where({ id: row.id })
          .update({ withdrawn_at: clock(), withdrawn_reason: withdrawal });
        return 'withdrawn';
      }
      try {
        await deliver(row);
      } catch (error: unknown) {
        const attempts = row.attempts + 1;
        const message = errorMessage(error).slice(0, 2000);
        await trx('notifications')
          .where({ id: row.id })
          .update({
            attempts,
            last_error: message,
            available_at: new Date(clock().getTime() + notificationRetryDelayMs(attempts)),
          });
        log(
          `notification ${row.id} (${row.channel} to ${row.recipient_masked}) failed, attempt ${attempts}: ${message}`,
        );
        return row.channel;
      }
      // Right after the send, in the row's own transaction: the window for a repeat is this statement.
      await trx('notifications')
        .where({ id: row.id })
        .update({ sent_at: clock(), attempts: row.attempts + 1, last_error: null });
      return 'sent';
    });
  }

  /**
   * Sends every due row of the configured channels. After a channel's first failure that channel
   * rests until the next pass: when the server is down, one probe per pass is enough, and the pass
   * ends even if rows fail faster than their back-off expires.
   */
  async function pass(): Promise<number> {
    warnUnconfiguredOnce();
    let channels = [...configured];
    let sent = 0;
    while (channels.length) {
      const outcome = await sendNext(channels);
      if (outcome === 'none') break;
      if (outcome === 'sent') sent++;
      else channels = channels.filter((channel) => channel !== outcome);
    }
    return sent;
  }

  /** Runs a pass after the one in progress (never two at once); resolves to the number of rows sent. */
  function drain(): Promise<number> {
    const next = passes.then(pass);
    passes = next.catch(() => undefined);
    return next;
  }

  function tick() {
    if (pending) return; // the previous pass is still sending: no pile-up of passes behind it
    pending = drain()
      .catch((error: unknown) => {
        log(`notification dispatcher: ${errorMessage(error)}`);
        return 0;
      })
      .finally(() => {
        pending = undefined;
      });
  }

  return {
    drain,
    start() {
      warnUnconfiguredOnce();
      timer = setInterval(tick, intervalMs);
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await passes;
    },
  };
}

export type NotificationDispatcher = ReturnType<typeof createNotificationDispatcher>;
