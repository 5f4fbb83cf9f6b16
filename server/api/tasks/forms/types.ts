// A form per user task. The server validates exactly what the form asks for; completing it yields the
// process variables and the clocks of the stages it starts (their due dates become variables too).
import type { z } from 'zod';
import type { SlaStage } from '../../../../domain/case/sla-policy.ts';
import type { StagePlan, StagePlanner } from '../../../../infra/sla/stage-plan.ts';
import type { Db } from '../../../../infra/db.ts';
import type { Knex } from 'knex';

export interface FormContext {
  caseId: string;
  /** The engine task's own variables (e.g. the department of one consultation opinion). */
  taskVariables: Record<string, unknown>;
  planner: StagePlanner;
  db: Db;
  clock: () => Date;
  /** The text with the case's rater's name and phone, and any mobile number, masked (art. 24). */
  maskRaterContact(text: string): Promise<string>;
}

export interface FormResult {
  variables: Record<string, unknown>;
  /** Stages this completion starts: each gets a clock and its …Due / …RemindAt variables. */
  startStages?: StagePlan[];
  /** Writes of our own that commit with the completion (in the same transaction as the engine call). */
  writes?: (trx: Knex.Transaction) => Promise<void>;
}

export interface TaskForm<Schema extends z.ZodType = z.ZodType> {
  /** The stage whose clock this completion stops. */
  stage: SlaStage;
  schema: Schema;
  /**
   * The values as the case keeps them (the timeline, the engine's variables), when they are not kept as typed:
   * text by someone who may see the rater's contact, masked for those who may not.
   */
  keptValues?(values: z.infer<Schema>, context: FormContext): Promise<z.infer<Schema>>;
  complete(values: z.infer<Schema>, context: FormContext): Promise<FormResult>;
  /**
   * True when this completion must leave the stage's clock running: one of several parallel opinions,
   * or a step inside a stage whose clock a later task stops. Absent: the clock stops.
   */
  keepsClockRunning?(context: FormContext): Promise<boolean>;
}

/** Keeps each form's values typed by its own schema while the registry holds them all. */
export function defineForm<Schema extends z.ZodType>(form: TaskForm<Schema>): TaskForm {
  return form as unknown as TaskForm;
}
