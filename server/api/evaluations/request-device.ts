// The identifiers a rating request carries for the fraud signals (art. 23): what the client sends in
// `device` (a device id, an account), and, for channels where the rater's own phone or computer talks to us
// (QR page, online hall, mobile app), the request's IP — never an IP the client claims, which would let a
// script dodge the IP burst rule with a new one each time. A hall terminal's or gateway's IP says nothing
// about the rater and is not taken. Behind a reverse proxy, set TRUST_PROXY so the request's IP is the
// rater's (X-Forwarded-For), not the proxy's.
import { isIP } from 'node:net';
import { countedClient } from '../../../domain/evaluation/code-attempts.ts';
import type { Request } from 'express';
import type { EvaluationChannel } from '../../../domain/evaluation/channels.ts';
import type { EvaluationInput } from '../../../domain/evaluation/intake.ts';

const RATERS_OWN_CLIENT_CHANNELS: readonly EvaluationChannel[] = ['qr-code', 'online-hall', 'mobile'];

export function requestDevice(
  request: Request,
  channel: EvaluationChannel,
  device: EvaluationInput['device'],
): EvaluationInput['device'] {
  const told = { id: device?.id, account: device?.account };
  const ip = request.ip?.replace(/^::ffff:/, '');
  // Behind a trusted proxy the IP is what X-Forwarded-For names, which may be no address at all: not kept.
  if (!RATERS_OWN_CLIENT_CHANNELS.includes(channel) || !ip || isIP(ip) === 0) return told;
  // An IPv6 client as its /64, as the 评价码 limiter counts it: one machine holds a whole /64 and could rate
  // from a new address each time.
  return { ...told, ip: countedClient(ip).client };
}
