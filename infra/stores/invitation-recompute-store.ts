// Rows of a rating-window recomputation (art. 10): the open invitations whose window was counted
// provisionally, the moved windows (evaluation_invitations and invitation_window_recomputations in one
// transaction) and the engine moves still to be made.
import type { Db } from '../db.ts';

/**
 * Still waiting for its rating (invitation aliased i): its service not rated (own, batch or theme; a platform
 * rating leaves the invitation waiting, infra/stores/invitation-store.ts isRated) nor 未评.
 */
const IS_OPEN = `not exists (select 1 from unrated_service_records u where u.service_record_id = i.service_record_id)
  and not exists (select 1 from service_record_ratings r
                   where r.service_record_id = i.service_record_id and r.target = 'service')`;

export interface OpenProvisionalWindow {
  service_record_id: string;
  reminder_at: Date;
  /** When the reminder SMS told the rater the window's end; null when none went out (yet). */
  reminded_at: Date | null;
  window_closes_at: Date;
  window_provisional: boolean;
}

export async function openProvisionalWindows(db: Db): Promise<OpenProvisionalWindow[]> {
  return db('evaluation_invitations as i')
    .where('i.window_provisional', true)
    .whereRaw(IS_OPEN)
    .orderBy('i.service_record_id')
    .select<OpenProvisionalWindow[]>(
      'i.service_record_id',
      'i.reminder_at',
      'i.reminded_at',
      'i.window_closes_at',
      'i.window_provisional',
    );
}

export interface WindowChange {
  window: OpenProvisionalWindow;
  next: { closesAt: Date; provisional: boolean };
  loadId: string | null;
  actor?: string;
  at: Date;
}

/**
 * Moves one invitation's window and records the move, atomically. The update only applies to the row as
 * it was read, so two recomputations running at once (API and CLI) move it once; the loser gets false.
 */
export async function applyWindowRecomputation(db: Db, change: WindowChange): Promise<boolean> {
  const { window, next, loadId, actor, at } = change;
  return db.transaction(async (trx) => {
    const updated = await trx('evaluation_invitations')
      .where({
        service_record_id: window.service_record_id,
        window_closes_at: window.window_closes_at,
        window_provisional: window.window_provisional,
      })
      .update({ window_closes_at: next.closesAt, window_provisional: next.provisional });
    if (updated === 0) return false;
    await trx('invitation_window_recomputations').insert({
      service_record_id: window.service_record_id,
      notice_id: loadId,
      actor: actor ?? null,
      old_window_closes_at: window.window_closes_at,
      old_provisional: window.window_provisional,
      new_window_closes_at: next.closesAt,
      new_provisional: next.provisional,
      recomputed_at: at,
    });
    return true;
  });
}

export interface PendingWindowMove {
  service_record_id: string;
  /** The invitation's window now: what the engine must carry, whichever recomputation queued the move. */
  window_closes_at: Date;
  window_provisional: boolean;
  /** Rated or recorded 未评 since: the engine's process has ended or is about to. */
  ended: boolean;
  recomputation_ids: string[];
}

/** Engine moves not made yet, one per invitation (several recomputations of one window need one move). */
export async function pendingWindowMoves(db: Db): Promise<PendingWindowMove[]> {
  const result = await db.raw<{ rows: PendingWindowMove[] }>(
    `select i.service_record_id, i.window_closes_at, i.window_provisional,
            not (${IS_OPEN}) as ended,
            array_agg(w.id order by w.id) as recomputation_ids
       from invitation_window_recomputations w
       join evaluation_invitations i on i.service_record_id = w.service_record_id
      where w.engine_state = 'pending'
      group by i.service_record_id, i.window_closes_at, i.window_provisional
      order by i.service_record_id`,
  );
  return result.rows;
}

/** The window move as the database has it now (see freshEngineMove); undefined when no longer pending. */
export async function freshWindowMove(
  db: Db,
  move: PendingWindowMove,
): Promise<{ window_closes_at: Date; ended: boolean } | undefined> {
  const result = await db.raw<{ rows: { window_closes_at: Date; ended: boolean }[] }>(
    `select i.window_closes_at, not (${IS_OPEN}) as ended
       from evaluation_invitations i
      where i.service_record_id = ?
        and exists (select 1 from invitation_window_recomputations w
                     where w.id = any(?::bigint[]) and w.engine_state = 'pending')`,
    [move.service_record_id, move.recomputation_ids],
  );
  return result.rows[0];
}

export interface ProvisionalWindowRow {
  service_record_id: string;
  handling_department_id: string;
  completed_at: Date;
  reminder_at: Date;
  window_closes_at: Date;
}

/**
 * Open invitations whose rating window is provisional, soonest first: shown to supervisors, of 办件 whose
 * handling unit is among `departments` when given (their jurisdiction).
 */
export async function provisionalWindowList(
  db: Db,
  departments?: readonly string[],
): Promise<ProvisionalWindowRow[]> {
  const query = db('evaluation_invitations as i')
    .join('service_records as s', 's.id', 'i.service_record_id')
    .where('i.window_provisional', true)
    .whereRaw(IS_OPEN)
    .orderBy([{ column: 'i.window_closes_at' }, { column: 'i.service_record_id' }])
    .select<ProvisionalWindowRow[]>(
      'i.service_record_id',
      's.handling_department_id',
      'i.completed_at',
      'i.reminder_at',
      'i.window_closes_at',
    );
  if (departments) query.whereIn('s.handling_department_id', departments);
  return query;
}
