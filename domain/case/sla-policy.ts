// The stages of a 差评 case that run against a clock, and the arithmetic of their reminders. How many
// working days each stage gets is the SLA policy, a DMN decision table (processes/sla-policy.dmn) that
// process owners change without code. Defaults where the Xi'an measures are silent (../shared/domain.md):
// verify 1, rectify 5 (15 when complex); art. 20: a consultation's reply within 15 working days.

export const SLA_STAGES = [
  'assign',
  'verify',
  'rectify',
  'appeal-review',
  'appeal-evidence',
  'consultation-opinion',
  'consultation-reply',
  'return-visit',
  'escalation',
] as const;

export type SlaStage = (typeof SLA_STAGES)[number];

export const STAGE_LABELS: Record<SlaStage, string> = {
  assign: '指定责任单位',
  verify: '核实',
  rectify: '整改',
  'appeal-review': '申诉复核',
  'appeal-evidence': '补充申诉证据',
  'consultation-opinion': '会商意见',
  'consultation-reply': '会商答复',
  'return-visit': '回访',
  escalation: '升级处理',
};

export function isSlaStage(value: unknown): value is SlaStage {
  return typeof value === 'string' && (SLA_STAGES as readonly string[]).includes(value);
}

/** 'appeal-review' → 'appealReview': the prefix of the stage's process variables (…Due, …RemindAt). */
export function stageVariablePrefix(stage: SlaStage): string {
  return stage.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** 'appeal-review' → 'appealReviewDue': the process variable holding the stage's due date (timers, tasks). */
export function stageDueVariable(stage: SlaStage): string {
  return `${stageVariablePrefix(stage)}Due`;
}

/** 'appeal-review' → 'appealReviewRemindAt': the process variable holding the stage's reminder instant (即将超期). */
export function stageRemindVariable(stage: SlaStage): string {
  return `${stageVariablePrefix(stage)}RemindAt`;
}

/** What processes/sla-policy.dmn ships with (test/engine/sla-policy.test.ts checks they agree). */
export const DEFAULT_STAGE_WORKING_DAYS = {
  verify: 1,
  rectify: 5,
  rectifyComplex: 15,
  appealReview: 5,
  consultationReply: 15,
} as const;

export interface StagePolicy {
  workingDays: number;
  /** When the reminder fires, as a share of the time between start and due. */
  remindAtPercent: number;
}

export interface Deadline {
  due: Date;
  /** The count passed through a year whose holiday notice is not loaded yet. */
  provisional: boolean;
}

/** Async: the calendar in force can change while a process runs (a notice loaded at runtime). */
export interface DeadlineCalculator {
  deadlineAfter(start: Date, workingDays: number): Promise<Deadline>;
}

/** 'stopped': the stage was withdrawn before it was done (its case ended early: a rating confirmed fraudulent). */
export type ClockState = 'on-track' | 'at-risk' | 'overdue' | 'met' | 'missed' | 'stopped';

/**
 * The reminder instant: the given share of the elapsed time between start and due (calendar time, not
 * working time: "60 % of the time" as a person reads the countdown).
 */
export function reminderAt(start: Date, due: Date, percent: number): Date {
  return atShare(start, due, percent / 100);
}

function atShare(start: Date, due: Date, share: number): Date {
  const bounded = Math.min(Math.max(share, 0), 1);
  return new Date(start.getTime() + Math.round((due.getTime() - start.getTime()) * bounded));
}

/**
 * A stage's reminder once its due date moved (a holiday notice, infra/sla-recompute.ts): at the same share of
 * the clock's time as planned. A plan whose due date was not after its start keeps the reminder at the due date.
 */
export function reminderKeepingShare(start: Date, planned: { due: Date; remindAt: Date }, due: Date): Date {
  const span = planned.due.getTime() - start.getTime();
  const share = span > 0 ? (planned.remindAt.getTime() - start.getTime()) / span : 1;
  return atShare(start, due, share);
}
