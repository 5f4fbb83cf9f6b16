// The answers to the rater (art. 17), one row a round (table rater_answers): what they were told, through
// which channel, when, and by which external task — a redelivered task finds its row and writes nothing more.
import type { Executor } from '../db.ts';
import type { AnswerKind } from '../../domain/case/messages.ts';

export interface RaterAnswerRow {
  case_id: string;
  round: number;
  channel: string;
  message: string;
  /** Null for answers written before answers had rounds. */
  kind: AnswerKind | null;
  task_id: string | null;
  answered_at: Date;
}

export interface NewRaterAnswer {
  caseId: string;
  round: number;
  channel: string;
  message: string;
  kind: AnswerKind;
  taskId: string;
  answeredAt: Date;
}

/** Every answer of a case, the first round first. */
export function answersOfCase(db: Executor, caseId: string): Promise<RaterAnswerRow[]> {
  return db('rater_answers').where({ case_id: caseId }).orderBy('round');
}

/** The answer an external task wrote, if one of its deliveries got that far. */
export function answerOfTask(db: Executor, taskId: string): Promise<RaterAnswerRow | undefined> {
  return db('rater_answers').where({ task_id: taskId }).first();
}

/**
 * Writes the answer of a round; false when the round or the task already has one (a delivery of the
 * same task running at the same time, which PostgreSQL lets finish first).
 */
export async function insertAnswer(db: Executor, answer: NewRaterAnswer): Promise<boolean> {
  const inserted = await db('rater_answers')
    .insert({
      case_id: answer.caseId,
      round: answer.round,
      channel: answer.channel,
      message: answer.message,
      kind: answer.kind,
      task_id: answer.taskId,
      answered_at: answer.answeredAt,
    })
    .onConflict()
    .ignore()
    .returning('round');
  return inserted.length > 0;
}

export interface PublicCaseAnswers {
  caseStatus: string;
  answers: RaterAnswerRow[];
}

/**
 * What the rater may read about their own 差评, by the rating's id: the case's status and its answers.
 * Undefined for an unknown rating or one that opened no case (not a 差评).
 */
export async function answersOfRating(
  db: Executor,
  evaluationId: string,
): Promise<PublicCaseAnswers | undefined> {
  const found = await db('cases')
    .where({ evaluation_id: evaluationId })
    .first<{ id: string; status: string } | undefined>('id', 'status');
  if (!found) return undefined;
  return { caseStatus: found.status, answers: await answersOfCase(db, found.id) };
}
