// The other ends of our notifications, in-process and on 127.0.0.1: a real SMTP server (smtp-server,
// each message parsed with mailparser) and a real HTTP SMS receiver speaking the contract documented
// in infra/notifications/sms-gateway.ts. Tests assert on what actually arrived.
import http from 'node:http';
import type net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  /** The envelope recipients (RCPT TO), comma-separated. */
  to: string;
  from: string;
  subject: string;
  text: string;
  messageId: string | undefined;
}

export interface SmtpPeer {
  url: string;
  port: number;
  mailbox: ReceivedMail[];
  /** Set: every recipient is refused with 451 and this text, as a server in trouble answers. */
  rejectWith: string | undefined;
  stop(): Promise<void>;
}

export interface ReceivedSms {
  to: string;
  text: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
}

export interface SmsPeer {
  url: string;
  token: string;
  smsInbox: ReceivedSms[];
  /** Set: the gateway answers with this status and a body echoing the phone, as some gateways do. */
  failWithStatus: number | undefined;
  /** Characters of text before the echoed phone in that body (a long message puts the phone at the cut). */
  failPadding: number;
  stop(): Promise<void>;
}

export async function startSmtpPeer({ port = 0 }: { port?: number } = {}): Promise<SmtpPeer> {
  const peer: SmtpPeer = {
    url: '',
    port: 0,
    mailbox: [],
    rejectWith: undefined,
    stop: async () => undefined,
  };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS (self-signed certificates), no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onRcptTo(_address, _session, callback) {
      if (!peer.rejectWith) return callback();
      callback(Object.assign(new Error(peer.rejectWith), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          peer.mailbox.push({
            to: session.envelope.rcptTo.map((recipient) => recipient.address).join(', '),
            from: parsed.from?.text ?? '',
            subject: parsed.subject ?? '',
            text: (parsed.text ?? '').trim(),
            messageId: parsed.messageId,
          });
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  const listening = await new Promise<net.Server>((resolve, reject) => {
    server.once('error', reject);
    const netServer = server.listen(port, '127.0.0.1', () => resolve(netServer));
  });
  const address = listening.address();
  peer.port = typeof address === 'object' && address ? address.port : port;
  peer.url = `smtp://127.0.0.1:${peer.port}`;
  peer.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}

export async function startSmsPeer({ token = 'sms-test-token' }: { token?: string } = {}): Promise<SmsPeer> {
  const peer: SmsPeer = {
    url: '',
    token,
    smsInbox: [],
    failWithStatus: undefined,
    failPadding: 0,
    stop: async () => undefined,
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.headers.authorization !== `Bearer ${peer.token}`) {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad token"}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
      if (peer.failWithStatus) {
        response.writeHead(peer.failWithStatus, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ error: `${'x'.repeat(peer.failPadding)}号码 ${body.to} 暂时无法发送` }),
        );
        return;
      }
      const idempotencyKey = request.headers['idempotency-key'];
      peer.smsInbox.push({
        to: body.to,
        text: body.text,
        authorization: request.headers.authorization,
        idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  peer.url = `http://127.0.0.1:${port}/sms`;
  peer.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}
