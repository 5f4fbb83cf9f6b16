// The identifiers a rating request carries for the fraud signals (art. 23): what the client sends in
// `device`, and, for channels where the rater's own phone or computer talks to us (QR page, online hall,
// mobile app), the request's IP when the client sent none. A hall terminal's or gateway's IP says
// nothing about the rater and is not taken. Behind a proxy, the IP is only right when express's
// `trust proxy` is configured for it.
import type { Request } from 'express';
import type { EvaluationChannel } from '../../../domain/evaluation/channels.ts';
import type { EvaluationInput } from '../../../domain/evaluation/intake.ts';

const RATERS_OWN_CLIENT_CHANNELS: readonly EvaluationChannel[] = ['qr-code', 'online-hall', 'mobile'];

export function requestDevice(
  request: Request,
  channel: EvaluationChannel,
  device: EvaluationInput['device'],
): EvaluationInput['device'] {
  if (device?.ip || !RATERS_OWN_CLIENT_CHANNELS.includes(channel) || !request.ip) return device;
  return { ...device, ip: request.ip.replace(/^::ffff:/, '') };
}
