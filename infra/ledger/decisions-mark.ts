// The decisions about ratings (evaluation_decisions: not adopted after an appeal, fraud confirmed or dismissed)
// take ratings out of the statistics, but are not hash-chained like the ratings themselves. What stands in:
// a mark `<last id>:<count>:<digest>` that `hcp ledger verify` prints — the SHA-256 of every decision up to that
// id, in id order — to be kept with the recorded head; given back to the next verify, the same decisions must
// give the same digest, so one removed, changed or slipped in among them by a superuser shows (docs/ledger.md).
// Decisions recorded after a mark are covered from the next mark on, not before.
import { createHash } from 'node:crypto';
import { LARGEST_BIGINT } from './recorded-head.ts';
import type { Db } from '../db.ts';

export interface DecisionsMark {
  lastId: bigint;
  count: number;
  digest: string;
}

/**
 * Decisions recorded (by the database's clock, recorded_at) within this long before the run are left to the
 * next mark: an id is drawn when its row is inserted, not when it commits, so a decision whose transaction is
 * still open could later appear below the mark. No transaction of the app stays open that long.
 */
const SETTLING = "interval '10 minutes'";

export function parseDecisionsMark(text: string): DecisionsMark | undefined {
  const match = /^([1-9][0-9]{0,18}):([0-9]{1,12}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match || BigInt(match[1]!) > LARGEST_BIGINT) return undefined;
  return { lastId: BigInt(match[1]!), count: Number(match[2]), digest: match[3]! };
}

export function formatDecisionsMark(mark: DecisionsMark): string {
  return `${mark.lastId}:${mark.count}:${mark.digest}`;
}

/**
 * The mark of the decisions up to `upTo`, or — without it — up to the newest one recorded over ten minutes
 * ago; undefined when there is none. Each row is hashed as a JSON array of text, its time written out in UTC
 * by to_char, whatever the session's time zone and DateStyle.
 */
export async function decisionsMark(db: Db, upTo?: bigint): Promise<DecisionsMark | undefined> {
  return db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    let lastId = upTo;
    if (lastId === undefined) {
      const found = await trx.raw<{ rows: { id: string | null }[] }>(
        `select max(id)::text as id from evaluation_decisions where recorded_at < now() - ${SETTLING}`,
      );
      if (found.rows[0]?.id === null || found.rows[0]?.id === undefined) return undefined;
      lastId = BigInt(found.rows[0].id);
    }
    const rows = await trx.raw<{ rows: { line: string }[] }>(
      `select json_build_array(id::text, evaluation_id::text, subject_evaluation_id::text, case_id::text,
                               decision, reason, basis, decided_by,
                               to_char(decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
                 as line
         from evaluation_decisions where id <= ? order by id`,
      [lastId.toString()],
    );
    const hash = createHash('sha256');
    for (const row of rows.rows) hash.update(`${row.line}\n`);
    return { lastId, count: rows.rows.length, digest: hash.digest('hex') };
  });
}
