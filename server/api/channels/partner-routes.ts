// POST /api/partners/ratings: ratings collected by partner online platforms (art. 13 网上"一事一评") in
// its provincial interface's codes (code-tables/, chosen per partner system). Each partner system has its own key (x-partner-key), whose hash names
// it in partner_systems; a missing or wrong key is 401 and nothing is stored. Satisfaction and channel
// codes are mapped through the code tables; 系统默认评价 is refused (Xi'an never defaults a rating). A partner
// may report ratings of any 办件 (a provincial platform gathers every channel's), but rates only its own
// platform: a platform rating of a 办件 handled on another platform is 403 partner.other_platform.
// A partner pushing its ratings later names when each was given (ratedAt); a rater who chose real name on the
// platform comes with the contact they left, kept as the QR page keeps it.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { authenticatePartner } from '../../../infra/stores/channel-store.ts';
import { serviceRecordFacts } from '../../../infra/stores/service-record-facts.ts';
import { PARTNER_DEVICE_PREFIX } from '../../../domain/fraud/rules.ts';
import { partnerRatingSchema } from './schema.ts';
import { retryCheckOf, submitRating, type ChannelRouteDeps } from './submit.ts';
import type { CodeTables } from '../../../infra/code-table-files.ts';
import type { Db } from '../../../infra/db.ts';

export const PARTNER_KEY_HEADER = 'x-partner-key';

export function partnerRatingRoutes(
  deps: ChannelRouteDeps & {
    db: Db;
    protector: { lookupHash(value: string): string };
    codeTables: CodeTables;
    log?: (line: string) => void;
  },
): Router {
  const router = Router();
  router.post('/partners/ratings', async (request, response) => {
    const partner = await authenticatePartner(deps.db, request.get(PARTNER_KEY_HEADER));
    if (!partner) throw new DomainError('partner.unauthorized', { header: PARTNER_KEY_HEADER });
    const input = partnerRatingSchema.parse(request.body);
    // A platform is rated by its own system only: a 差评 of it goes to its builder (art. 17).
    if (input.target === 'platform') {
      const record = (await serviceRecordFacts(deps.db, [input.serviceRecordId])).get(input.serviceRecordId);
      if (record?.platformId && record.platformId !== partner.platformId) {
        throw new DomainError('partner.other_platform', { platformId: record.platformId });
      }
    }
    // The partner's own interface's codes (hcp channel add-partner --code-table), checked at start to exist.
    const tables = deps.codeTables.get(partner.codeTable);
    if (!tables) {
      deps.log?.(
        `partner ${partner.id}: code table ${partner.codeTable} is not loaded (restart the server after adding it)`,
      );
      throw new DomainError('partner.code_table_unavailable', { codeTable: partner.codeTable });
    }
    const channel = tables.channels.toChannel(input.channelCode);
    const level = tables.levels.toLevel(input.satisfactionCode);
    await submitRating(
      deps,
      {
        serviceRecordId: input.serviceRecordId,
        target: input.target,
        scope: input.scope,
        channel,
        level,
        tags: input.tags,
        tagTable: 'partner',
        text: input.text,
        realName: input.realName,
        rater: input.rater,
        ratedAt: input.ratedAt === undefined ? undefined : new Date(input.ratedAt),
        device: {
          id: `${PARTNER_DEVICE_PREFIX}${partner.id}`,
          ...(input.account ? { account: `${partner.platformId}:${input.account}` } : {}),
        },
      },
      response,
      retryCheckOf(deps),
    );
  });
  return router;
}
