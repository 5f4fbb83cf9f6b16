// The fraud signals (art. 23) at work, without a worker: the server checks each rating right after it is
// stored (best effort), and `hcp fraud scan` checks every rating since the last scan, so a rating whose
// check was lost (a crash between commit and check) is still checked. Flags are appended once per rating
// and signal (unique), so checking twice adds nothing.
import { fraudFlagsFor } from '../../domain/fraud/evaluate.ts';
import { DEFAULT_FRAUD_THRESHOLDS, type FraudThresholds } from '../../domain/fraud/thresholds.ts';
import {
  factsOfRatings,
  laterNeighbourIds,
  neighbourFactsOfMany,
  staffPhones,
  toFacts,
  type FactsRow,
} from './rating-facts.ts';
import type { FraudFlag, RatingFacts, StaffPhone } from '../../domain/fraud/types.ts';
import { cachedReads } from '../coalesced-reads.ts';
import { noticeOfFlags } from './flag-notices.ts';
import type { Db } from '../db.ts';

export interface FraudCheckerDeps {
  db: Db;
  /** When the supervisors' notices of new flags are dated (their hour); by default the real time. */
  clock?: () => Date;
  /** infra/protector.ts lookupHash: the same key the intake hashed raters' phones with. */
  lookupHash: (value: string) => string;
  thresholds?: FraudThresholds;
}

export interface ScanResult {
  evaluated: number;
  flagged: number;
  throughSequence: string;
}

const SCAN_PAGE = 500;

/** The ratings checked again after a late one are read and checked this many at a time. */
const CHECK_BATCH = 200;

/**
 * A rating checked this long after its time was stored late (a partner's rating sent on late, a paper form,
 * a scan): the ratings stored before it but rated after it are checked again with it among them.
 */
const STORED_LATE_MS = 60_000;

export function createFraudChecker({
  db,
  lookupHash,
  thresholds = DEFAULT_FRAUD_THRESHOLDS,
  clock = () => new Date(),
}: FraudCheckerDeps) {
  // Asked for by every batch of after-commit checks; a staff phone added counts within seconds.
  const staffNow = cachedReads(() => staffPhones(db, lookupHash));

  /**
   * Checks the ratings of `rows`, reading their neighbours in one statement, and then — for those stored late —
   * the ratings after them that they may complete a group with; returns the flags it added.
   */
  async function checkRows(
    rows: readonly FactsRow[],
    staff: ReadonlyMap<string, StaffPhone>,
    { followLater = 'stored-late' }: { followLater?: 'stored-late' | 'always' | 'never' } = {},
  ): Promise<FraudFlag[]> {
    const subjects: RatingFacts[] = rows.map(toFacts);
    const neighbours = await neighbourFactsOfMany(db, subjects, thresholds);
    const flags = subjects.flatMap((subject, place) =>
      fraudFlagsFor(subject, { recent: neighbours[place]!, staffPhones: staff, thresholds }),
    );
    // A flag may fall on an earlier rating of the group (a neighbour): its unit is among the facts read.
    const unitOf = new Map(
      [...neighbours.flat(), ...subjects].map((rating) => [rating.id, rating.departmentId]),
    );
    const added = await record(flags, unitOf);
    if (followLater === 'never') return added;
    const now = clock().getTime();
    const followed =
      followLater === 'always'
        ? subjects
        : subjects.filter((subject) => now - subject.ratedAt.getTime() > STORED_LATE_MS);
    const later = await laterNeighbourIds(db, followed, thresholds);
    for (let start = 0; start < later.length; start += CHECK_BATCH) {
      const batch = await factsOfRatings(db, later.slice(start, start + CHECK_BATCH));
      added.push(...(await checkRows(batch, staff, { followLater: 'never' })));
    }
    return added;
  }

  /**
   * Appends the flags not yet recorded and queues the notices of the new ones to the supervisors of their ratings'
   * units (`unitOf`), in one transaction: a flag is never recorded without its notice (a failure leaves both to the next check or scan).
   * Returns the flags it added.
   */
  async function record(flags: FraudFlag[], unitOf: ReadonlyMap<string, string>): Promise<FraudFlag[]> {
    if (flags.length === 0) return [];
    // A group's ratings checked together each flag the whole group: one row per rating and signal, a rating's
    // own flag (listing its group) before a flag that reached it as a member of a later one's group.
    const distinct = new Map<string, FraudFlag>();
    for (const flag of flags) {
      const key = `${flag.evaluationId}:${flag.signal}`;
      if (!distinct.has(key)) distinct.set(key, flag);
    }
    return db.transaction(async (trx) => {
      // One statement however large the group: those already recorded are left as they are.
      const inserted = await trx('fraud_flags')
        .insert(
          [...distinct.values()].map((flag) => ({
            evaluation_id: flag.evaluationId,
            signal: flag.signal,
            reasons: flag.reasons,
            details: JSON.stringify(flag.details),
          })),
        )
        .onConflict(['evaluation_id', 'signal'])
        .ignore()
        .returning<{ evaluation_id: string; signal: string }[]>(['evaluation_id', 'signal']);
      const addedKeys = new Set(inserted.map((row) => `${row.evaluation_id}:${row.signal}`));
      const added = [...distinct.entries()].filter(([key]) => addedKeys.has(key)).map(([, flag]) => flag);
      await noticeOfFlags(trx, added, unitOf, clock());
      return added;
    });
  }

  /**
   * Where a first scan from `at` starts: before the first rating rated since then or imported by a run started
   * since then (a paper form stored today may be dated last week), so both are scanned; after the last rating
   * when there is neither.
   */
  async function sequenceBefore(at: Date): Promise<string> {
    const result = await db.raw<{ rows: { through: string | null }[] }>(
      `select coalesce(
                least((select min(sequence) from evaluations where rated_at >= ?),
                      (select min(e.sequence) from imported_ratings ir
                         join rating_imports ri on ri.id = ir.import_id
                         join evaluations e on e.id = ir.evaluation_id
                        where ri.imported_at >= ?)) - 1,
                (select max(sequence) from evaluations))::text as through`,
      [at, at],
    );
    return result.rows[0]?.through ?? '0';
  }

  return {
    /**
     * Checks stored ratings against the fraud rules, each on its own facts: the facts and the staff's phones
     * are read once for all of them (the server's after-commit checks, gathered while the previous batch ran).
     */
    async checkMany(evaluationIds: readonly string[]): Promise<FraudFlag[]> {
      if (evaluationIds.length === 0) return [];
      return checkRows(await factsOfRatings(db, evaluationIds), await staffNow());
    },

    /**
     * Checks every rating after the last scan's sequence, in ledger order, and records the scan. With
     * `firstSince` and no scan recorded yet, it starts with the ratings rated since then: the server's own
     * scans do not go over years of ratings its after-commit checks saw when they were taken.
     */
    async scan({
      firstSince,
      stopping = () => false,
    }: { firstSince?: Date; stopping?: () => boolean } = {}): Promise<ScanResult> {
      const last = await db('fraud_scans')
        .max<{ through: string | null }>({ through: 'through_sequence' })
        .first();
      let through = last?.through ?? (firstSince ? await sequenceBefore(firstSince) : '0');
      const staff = await staffPhones(db, lookupHash);
      let evaluated = 0;
      let flagged = 0;
      // A page at a time, each rating also with those stored before it and rated after it (it may have come
      // late: the scan cannot tell); a stop between pages keeps what was done.
      for (;;) {
        const ids = await db('evaluations')
          .where('sequence', '>', through)
          .orderBy('sequence')
          .limit(SCAN_PAGE)
          .pluck<string[]>('id');
        const page = await factsOfRatings(db, ids);
        flagged += (await checkRows(page, staff, { followLater: 'always' })).length;
        evaluated += page.length;
        if (page.length > 0) through = String(page[page.length - 1]!.sequence);
        if (ids.length < SCAN_PAGE || stopping()) break;
      }
      // A pass that found nothing new leaves no row, but the first one does: it marks where scans start.
      if (evaluated > 0 || last?.through == null) {
        await db('fraud_scans').insert({ through_sequence: through, evaluated, flagged });
      }
      return { evaluated, flagged, throughSequence: through };
    },
  };
}

export type FraudChecker = ReturnType<typeof createFraudChecker>;
