// A channel's request sent again (a device or partner system retrying after a timeout, the SMS gateway
// delivering a reply twice) finds its rating already stored. It is answered with that rating, as when it was
// stored, instead of a refusal that would read as "someone else rated it" or "your reply was not recorded".
// A retry is the same 办件, target and scope (the 办件 alone, or its theme overall), by the same channel and
// sender (the device, the partner system, the SMS phone or a real-name rater's), with the same level,
// dimensions, tags and text; anything else keeps its refusal (art. 9). An anonymous rating from the QR page
// names no sender: the 评价码 it carries is the receipt's, whose holder reopens that 办件's page (its answers
// link included) anyway, and a resend after a dropped connection often comes from another address (Wi-Fi, then
// mobile data), so none is compared.
import { EVALUATION_DIMENSIONS, ratedDimensions } from '../../domain/evaluation/dimensions.ts';
import {
  ratingIdentifiers,
  type EvaluationInput,
  type RatingIdentifiers,
} from '../../domain/evaluation/intake.ts';
import type { Db } from '../db.ts';

export interface StoredRating {
  id: string;
  serviceRecordId: string;
  channel: string;
  level: string;
  ratedAt: Date;
  caseId: string | null;
}

interface StoredRow {
  id: string;
  service_record_id: string;
  channel: string;
  level: string;
  rated_at: Date;
  tags: string[];
  text: string;
  device_id: string | null;
  phone_hash: string | null;
  case_id: string | null;
  overall: boolean;
  [dimension: string]: unknown;
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
};

/**
 * `sent`: the request's identifiers, derived as the intake derived what it stored: who sent it is the device or
 * partner system (its device id) and the SMS phone or a real-name rater's phone (its keyed hash).
 */
function sameRating(
  row: StoredRow,
  input: EvaluationInput,
  sent: RatingIdentifiers | null,
  anyScope: boolean,
): boolean {
  const dimensions = ratedDimensions(input.dimensions) ?? {};
  return (
    row.channel === input.channel &&
    (anyScope || row.overall === (input.scope === 'theme')) &&
    row.device_id === (sent?.deviceId ?? null) &&
    row.phone_hash === (sent?.phoneHash ?? null) &&
    row.level === input.level &&
    row.text === input.text.trim() &&
    sameSet(row.tags, input.tags) &&
    EVALUATION_DIMENSIONS.every((dimension) => (row[dimension] ?? null) === (dimensions[dimension] ?? null))
  );
}

/**
 * The rating this request already stored, of one of `serviceRecordIds` (its own 办件, or its occasion's).
 * `anyScope`: the request did not say whether it rated its theme overall (an SMS reply: the reminder's occasion
 * decided), so either counts.
 */
export async function ratingOfRetry(
  db: Db,
  serviceRecordIds: readonly string[],
  input: EvaluationInput,
  lookupHash: (value: string) => string,
  { anyScope = false }: { anyScope?: boolean } = {},
): Promise<StoredRating | undefined> {
  const sent = ratingIdentifiers(input, lookupHash);
  const rows = await db('evaluations as e')
    .leftJoin('evaluation_identifiers as i', 'i.evaluation_id', 'e.id')
    .leftJoin('cases as c', 'c.evaluation_id', 'e.id')
    .leftJoin('theme_overall_ratings as t', 't.evaluation_id', 'e.id')
    .whereIn('e.service_record_id', serviceRecordIds)
    .where('e.target', input.target)
    .select<StoredRow[]>(
      'e.id',
      'e.service_record_id',
      'e.channel',
      'e.level',
      'e.rated_at',
      'e.tags',
      'e.text',
      ...EVALUATION_DIMENSIONS.map((dimension) => `e.${dimension}`),
      'i.device_id',
      'i.phone_hash',
      'c.id as case_id',
      db.raw('t.evaluation_id is not null as overall'),
    );
  const row = rows.find((candidate) => sameRating(candidate, input, sent, anyScope));
  return row
    ? {
        id: row.id,
        serviceRecordId: row.service_record_id,
        channel: row.channel,
        level: row.level,
        ratedAt: row.rated_at,
        caseId: row.case_id,
      }
    : undefined;
}
