// The dispatcher as a process runs it: SMTP and the SMS gateway from configuration, each optional
// (development has neither: messages then stay queued, and the dispatcher says so once at start).
import { createProtector } from '../protector.ts';
import { createMailer } from './mailer.ts';
import { createSmsGateway } from './sms-gateway.ts';
import { createNotificationDispatcher } from './dispatcher.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import type { NotificationDispatcher } from './dispatcher.ts';

export function createConfiguredNotificationDispatcher(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'smsGatewayUrl' | 'smsGatewayToken' | 'encryptionKeys'>,
  { db, clock, log }: { db: Db; clock: () => Date; log: (line: string) => void },
): NotificationDispatcher {
  const mailer = config.smtpUrl
    ? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom })
    : undefined;
  const sms = config.smsGatewayUrl
    ? createSmsGateway({ url: config.smsGatewayUrl, token: config.smsGatewayToken })
    : undefined;
  if (sms && !config.smsGatewayToken) log('SMS_GATEWAY_TOKEN is not set: SMS are posted without a token');
  const dispatcher = createNotificationDispatcher({
    db,
    mailer,
    sms,
    protector: createProtector(config.encryptionKeys),
    clock,
    log,
  });
  return {
    ...dispatcher,
    async stop() {
      await dispatcher.stop();
      mailer?.close();
    },
  };
}
