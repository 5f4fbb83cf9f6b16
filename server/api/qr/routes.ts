// QR codes (art. 12: a QR code at every window and on every 办件 receipt), as SVG, encoding the rating
// page's public address: GET /api/qr/window/:institutionId.svg and /api/qr/service-record/:id.svg.
import { Router } from 'express';
import QRCode from 'qrcode';
import { DomainError } from '../../../domain/errors.ts';
import { findRatingWindow } from '../../pages/rating-context.ts';
import { ratingPageUrl, type RatingPageTarget } from '../../pages/rating-links.ts';
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

async function sendQr(
  request: Request,
  response: Response,
  base: string | undefined,
  target: RatingPageTarget,
) {
  const url = ratingPageUrl(base ?? `${request.protocol}://${request.get('host')}`, target);
  const svg = await qrSvg(url);
  response.type('image/svg+xml').set('cache-control', 'public, max-age=3600').send(svg);
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
  router.get('/qr/service-record/:id.svg', async (request, response) => {
    const { id } = request.params;
    if (!(await db('service_records').where({ id }).first('id'))) {
      throw new DomainError('service_record.not_found', { id });
    }
    await sendQr(request, response, publicBaseUrl, { serviceRecordId: id });
  });
  return router;
}
