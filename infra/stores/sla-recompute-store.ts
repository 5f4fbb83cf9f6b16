// Rows of a recomputation: the open provisional clocks, the moved due dates (sla_clocks, the timeline and
// sla_due_recomputations in one transaction) and the engine moves still to be made.
import { casesWatchedBy } from './jurisdiction-store.ts';
import { recordEvent } from './case-store.ts';
import type { Db } from '../db.ts';
import type { Deadline, SlaStage } from '../../domain/case/sla-policy.ts';

export interface OpenProvisionalClock {
  id: string;
  case_id: string;
  stage: SlaStage;
  started_at: Date;
  working_days: number;
  due_at: Date;
  due_provisional: boolean;
}

export async function openProvisionalClocks(db: Db): Promise<OpenProvisionalClock[]> {
  return db('sla_clocks')
    .where({ due_provisional: true })
    .whereNull('done_at')
    .orderBy('id')
    .select<OpenProvisionalClock[]>(
      'id',
      'case_id',
      'stage',
      'started_at',
      'working_days',
      'due_at',
      'due_provisional',
    );
}

export interface AppliedRecomputation {
  recomputationId: string;
}

/**
 * Moves one clock's due date, records it in the case's timeline and queues the engine move, atomically.
 * The update only applies to the clock as it was read, so two recomputations running at once (API and
 * CLI) move it once; the loser gets undefined.
 */
export async function applyRecomputation(
  db: Db,
  change: { clock: OpenProvisionalClock; next: Deadline; loadId: string | null; actor?: string; at: Date },
): Promise<AppliedRecomputation | undefined> {
  const { clock, next, loadId, actor, at } = change;
  return db.transaction(async (trx) => {
    const updated = await trx('sla_clocks')
      .where({ id: clock.id, due_at: clock.due_at, due_provisional: clock.due_provisional })
      .whereNull('done_at')
      .update({ due_at: next.due, due_provisional: next.provisional });
    if (updated === 0) return undefined;
    const [row] = await trx('sla_due_recomputations')
      .insert({
        clock_id: clock.id,
        case_id: clock.case_id,
        stage: clock.stage,
        notice_id: loadId,
        old_due_at: clock.due_at,
        old_provisional: clock.due_provisional,
        new_due_at: next.due,
        new_provisional: next.provisional,
        recomputed_at: at,
      })
      .returning<{ id: string }[]>('id');
    const recomputationId = (row as { id: string }).id;
    await recordEvent(trx, {
      caseId: clock.case_id,
      kind: 'sla-due-recomputed',
      stage: clock.stage,
      ...(actor === undefined ? {} : { actor: actor.slice(0, 64) }),
      detail: {
        recomputationId,
        noticeLoadId: loadId,
        startedAt: clock.started_at.toISOString(),
        workingDays: clock.working_days,
        oldDueAt: clock.due_at.toISOString(),
        oldProvisional: clock.due_provisional,
        newDueAt: next.due.toISOString(),
        newProvisional: next.provisional,
      },
      // One recomputation row is one event, whatever the dates (a corrected notice may move a date back).
      idempotencyKey: `sla-due-recomputed:${recomputationId}`,
      occurredAt: at,
    });
    return { recomputationId };
  });
}

export interface PendingEngineMove {
  clock_id: string;
  case_id: string;
  stage: SlaStage;
  /** The clock's start: the stage's reminder keeps its share of the time from it. */
  started_at: Date;
  /** The clock's due date now: what the engine must carry, whichever recomputation queued the move. */
  due_at: Date;
  done_at: Date | null;
  process_instance_id: string | null;
  recomputation_ids: string[];
}

/** The columns of a pending move, beside its recomputations' ids. */
const MOVE_COLUMNS = [
  'r.clock_id',
  'r.case_id',
  'c.stage',
  'c.started_at',
  'c.due_at',
  'c.done_at',
  'k.process_instance_id',
];

/** Engine moves not made yet, one per clock (several recomputations of one clock need one move). */
export async function pendingEngineMoves(db: Db): Promise<PendingEngineMove[]> {
  return db('sla_due_recomputations as r')
    .join('sla_clocks as c', 'c.id', 'r.clock_id')
    .join('cases as k', 'k.id', 'r.case_id')
    .where('r.engine_state', 'pending')
    .groupBy(MOVE_COLUMNS)
    .orderBy('r.clock_id')
    .select<PendingEngineMove[]>([
      ...MOVE_COLUMNS,
      db.raw('array_agg(r.id order by r.id) as recomputation_ids'),
    ]);
}

/**
 * The move as the database has it now, just before the engine is asked: another run (a notice loaded meanwhile,
 * the server's retrier) may have made it, or moved the clock again. Undefined when it is no longer pending.
 */
export async function freshEngineMove(
  db: Db,
  move: PendingEngineMove,
): Promise<Pick<PendingEngineMove, 'started_at' | 'due_at' | 'done_at'> | undefined> {
  const row = await db('sla_clocks as c')
    .where('c.id', move.clock_id)
    .whereExists(
      db('sla_due_recomputations as r')
        .select(db.raw('1'))
        .whereIn('r.id', move.recomputation_ids)
        .where('r.engine_state', 'pending'),
    )
    .first<Pick<PendingEngineMove, 'started_at' | 'due_at' | 'done_at'> | undefined>(
      'c.started_at',
      'c.due_at',
      'c.done_at',
    );
  return row;
}

/** The audit tables of recomputed deadlines whose engine timers are moved after the notice's load. */
export type RecomputationTable = 'sla_due_recomputations' | 'invitation_window_recomputations';

/** The engine caught up with these recomputations (or had nothing to move). */
export async function settleEngineMove(
  db: Db,
  table: RecomputationTable,
  ids: readonly string[],
  state: 'synced' | 'skipped',
  at: Date,
): Promise<void> {
  await db(table)
    .whereIn('id', ids)
    .where('engine_state', 'pending')
    .update({ engine_state: state, engine_synced_at: at, engine_last_error: null });
}

/** The engine refused the move: it stays pending, for the next run. */
export async function recordEngineMoveFailure(
  db: Db,
  table: RecomputationTable,
  ids: readonly string[],
  message: string,
): Promise<void> {
  await db(table)
    .whereIn('id', ids)
    .where('engine_state', 'pending')
    .update({ engine_attempts: db.raw('engine_attempts + 1'), engine_last_error: message.slice(0, 2000) });
}

export interface ProvisionalClockRow {
  case_id: string;
  stage: SlaStage;
  state: string;
  responsible_department_id: string | null;
  started_at: Date;
  working_days: number;
  due_at: Date;
}

/**
 * Open clocks whose due date is provisional, soonest first: what supervisors watch until a notice is loaded.
 * Of the cases `departments` watch when given (a supervisor's jurisdiction: infra/stores/jurisdiction-store.ts).
 */
export async function provisionalClockList(
  db: Db,
  departments?: readonly string[],
): Promise<ProvisionalClockRow[]> {
  const query = db('sla_clocks as c')
    .join('cases as k', 'k.id', 'c.case_id')
    .where('c.due_provisional', true)
    .whereNull('c.done_at')
    .orderBy([{ column: 'c.due_at' }, { column: 'c.id' }])
    .select<ProvisionalClockRow[]>(
      'c.case_id',
      'c.stage',
      'c.state',
      'k.responsible_department_id',
      'c.started_at',
      'c.working_days',
      'c.due_at',
    );
  if (departments) query.whereIn('c.case_id', casesWatchedBy(db, departments));
  return query;
}
