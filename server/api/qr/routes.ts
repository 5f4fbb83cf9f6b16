// QR codes (art. 12: a QR code at every window and on every 办件 receipt), as SVG, encoding the rating
// page's public address: GET /api/qr/window/:institutionId.svg, open to anyone (it is on the wall). A
// receipt's QR carries the 办件's 评价码, so only the system that reported the 办件 gets it:
// GET /api/service-records/:id/rating-qr.svg (server/api/service-records/routes.ts), drawn by sendQr.
import { Router } from 'express';
import QRCode from 'qrcode';
import { DomainError } from '../../../domain/errors.ts';
import { findRatingWindow } from '../../pages/rating-context.ts';
import { ratingPageUrl, type RatingPageTarget } from '../../../domain/evaluation/rating-links.ts';
import type { Request, Response } from 'express';
import type { Db } from '../../../infra/db.ts';

export interface QrRouteDeps {
  db: Db;
  /** PUBLIC_BASE_URL; unset (tests): the origin the request came to. */
  publicBaseUrl?: string | undefined;
}

/** Error correction M survives a worn or partly covered print; margin 2 keeps the quiet zone. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** PUBLIC_BASE_URL, or (tests) the origin the request came to. */
export function publicBaseOf(request: Request, publicBaseUrl: string | undefined): string {
  return publicBaseUrl ?? `${request.protocol}://${request.get('host')}`;
}

/** A receipt's code is a secret of its 办件: its QR is not kept by shared caches. */
export async function sendQr(
  request: Request,
  response: Response,
  base: string | undefined,
  target: RatingPageTarget,
) {
  const svg = await qrSvg(ratingPageUrl(publicBaseOf(request, base), target));
  const caching = 'serviceRecordId' in target ? 'private, no-store' : 'public, max-age=3600';
  response.type('image/svg+xml').set('cache-control', caching).send(svg);
}

export function qrRoutes({ db, publicBaseUrl }: QrRouteDeps): Router {
  const router = Router();
  router.get('/qr/window/:institutionId.svg', async (request, response) => {
    const { institutionId } = request.params;
    if (!(await findRatingWindow(db, institutionId))) {
      throw new DomainError('institution.not_found', { id: institutionId });
    }
    await sendQr(request, response, publicBaseUrl, { windowId: institutionId });
  });
  return router;
}
