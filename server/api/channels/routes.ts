// Rating channels beyond the raters' own clients (art. 12–13): window devices, partner platforms and SMS
// replies, each authenticated by its own key and each handing the rating to the one intake.
import { Router } from 'express';
import { deviceRatingRoutes } from './device-routes.ts';
import { partnerRatingRoutes } from './partner-routes.ts';
import { smsInboundRoutes, type SmsRouteDeps } from './sms-routes.ts';
import type { CodeTables } from '../../../infra/code-table-files.ts';

export function channelRoutes(deps: SmsRouteDeps & { codeTables: CodeTables }): Router {
  const router = Router();
  router.use(deviceRatingRoutes(deps));
  router.use(partnerRatingRoutes(deps));
  router.use(smsInboundRoutes(deps));
  return router;
}
