// E-mail over SMTP (nodemailer). The server is named by SMTP_URL in nodemailer's URL form, e.g.
// smtp://user:pass@mail.example.gov:587 or smtps://…:465; the sender is MAIL_FROM.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID: a message sent twice (at-least-once) can be recognised as one by mail clients. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer({
  smtpUrl,
  from,
  timeoutMs = 10_000,
}: {
  smtpUrl: string;
  from: string;
  timeoutMs?: number;
}): Mailer {
  // Short timeouts: a send holds its outbox row locked (and a database connection) while it waits,
  // and an unreachable server should turn into a retry, not a stall. The URL's own settings win.
  const transport = nodemailer.createTransport(
    {
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    },
    { from },
  );
  return {
    async send(mail) {
      await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
      });
    },
    close() {
      transport.close();
    },
  };
}
