// POST /api/devices/:deviceId/ratings: a window rating device (评价器, art. 12 现场"一次一评"). The device
// is registered in rating_devices and proves itself with its own key (x-device-key), compared by hash in
// constant time; an unknown device and a wrong key get the same 401, and nothing is stored.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { authenticateDevice, deviceServes } from '../../../infra/stores/channel-store.ts';
import { assertNotStaff } from '../../auth/middleware.ts';
import { deviceRatingSchema } from './schema.ts';
import { retryCheckOf, submitRating, type ChannelRouteDeps } from './submit.ts';
import type { Db } from '../../../infra/db.ts';

export const DEVICE_KEY_HEADER = 'x-device-key';

export function deviceRatingRoutes(
  deps: ChannelRouteDeps & { db: Db; protector: { lookupHash(value: string): string } },
): Router {
  const router = Router();
  router.post('/devices/:deviceId/ratings', async (request, response) => {
    const device = await authenticateDevice(
      deps.db,
      String(request.params.deviceId).slice(0, 64),
      request.get(DEVICE_KEY_HEADER),
    );
    if (!device) throw new DomainError('device.unauthorized', { header: DEVICE_KEY_HEADER });
    // art. 11: a device in staff hands is still no reason to rate on a rater's behalf.
    assertNotStaff(response);
    const input = deviceRatingSchema.parse(request.body);
    if (!isEvaluationLevel(input.level)) {
      throw new DomainError('evaluation.unknown_level', { level: input.level });
    }
    // A window's device rates what was served at that window (or, for a hall's device, in that hall).
    if ((await deviceServes(deps.db, device, input.serviceRecordId)) === false) {
      throw new DomainError('device.other_window', {
        deviceId: device.id,
        serviceRecordId: input.serviceRecordId,
      });
    }
    await submitRating(
      deps,
      {
        serviceRecordId: input.serviceRecordId,
        target: 'service',
        channel: 'window-device',
        level: input.level,
        dimensions: input.dimensions,
        tags: input.tags,
        text: input.text,
        realName: false,
        device: { id: device.id },
      },
      response,
      retryCheckOf(deps),
    );
  });
  return router;
}
