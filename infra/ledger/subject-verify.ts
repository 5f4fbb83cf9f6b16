// Verifies the sibling ledger of ratings without a 办件 (subject_evaluations: 综合点评, 监督查评) the way
// ./verify.ts verifies evaluations: keyset pages in sequence order inside one read-only snapshot, each row's
// hash recomputed from the one before (domain/evaluation/subject-ledger.ts), stopping at the first broken
// link. These ratings are few next to the 办件 ratings, so rows come through node-postgres' own parsers.
import { storedDimensions } from './text-rows.ts';
import { createLedgerVerifier, type ChainLinks } from '../../domain/evaluation/ledger-verify.ts';
import {
  subjectChainHash,
  type RatedSubject,
  type SubjectLedgerRow,
} from '../../domain/evaluation/subject-ledger.ts';
import type { Db } from '../db.ts';
import type { EvaluationLevel } from '../../domain/evaluation/levels.ts';
import type { LedgerVerification } from './verify.ts';

type ChainedSubjectRow = SubjectLedgerRow & ChainLinks;

const PAGE = 5_000;

/** A subject_evaluations row as node-postgres gives it. */
interface StoredSubjectRow {
  id: string;
  sequence: string;
  kind: SubjectLedgerRow['kind'];
  channel: SubjectLedgerRow['channel'];
  source_ref: string;
  institution_id: string | null;
  item_code: string | null;
  platform_id: string | null;
  level: string;
  attitude: EvaluationLevel | null;
  quality: EvaluationLevel | null;
  efficiency: EvaluationLevel | null;
  environment: EvaluationLevel | null;
  tags: string[];
  text: string;
  real_name: boolean;
  rater_name_encrypted: string | null;
  rater_phone_encrypted: string | null;
  rated_at: Date;
  rated_at_micros: number;
  recorded_by: string;
  previous_hash: string;
  hash: string;
}

function subjectOf(row: StoredSubjectRow): RatedSubject {
  if (row.institution_id) return { type: 'institution', id: row.institution_id };
  if (row.item_code) return { type: 'item', id: row.item_code };
  return { type: 'platform', id: row.platform_id ?? '' };
}

export function toChainedSubjectRow(row: StoredSubjectRow): ChainedSubjectRow {
  return {
    id: row.id,
    sequence: BigInt(row.sequence),
    kind: row.kind,
    channel: row.channel,
    sourceRef: row.source_ref,
    subject: subjectOf(row),
    level: row.level,
    dimensions: storedDimensions(row.attitude, row.quality, row.efficiency, row.environment),
    tags: row.tags,
    text: row.text,
    realName: row.real_name,
    raterNameEncrypted: row.rater_name_encrypted,
    raterPhoneEncrypted: row.rater_phone_encrypted,
    ratedAt: new Date(row.rated_at),
    ratedAtMicros: row.rated_at_micros,
    recordedBy: row.recorded_by,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

export async function verifySubjectLedger(db: Db): Promise<LedgerVerification> {
  const started = process.hrtime.bigint();
  const verifier = createLedgerVerifier<ChainedSubjectRow>(subjectChainHash);
  await db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    let after = '0';
    for (;;) {
      const page = await trx('subject_evaluations')
        .where('sequence', '>', after)
        .orderBy('sequence')
        .limit(PAGE)
        .select<StoredSubjectRow[]>(
          '*',
          // node-postgres keeps milliseconds only: what lies below them, for the hash (ledgerTimeText).
          trx.raw('(extract(microseconds from rated_at)::bigint % 1000)::int as rated_at_micros'),
        );
      for (const row of page) if (!verifier.push(toChainedSubjectRow(row))) return;
      if (page.length < PAGE) return;
      after = String(page[page.length - 1]!.sequence);
    }
  });
  const { rows, firstBroken, head } = verifier;
  return {
    rows,
    ok: firstBroken === undefined,
    ...(firstBroken ? { firstBroken } : {}),
    ...(head ? { head } : {}),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
