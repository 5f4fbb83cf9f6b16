// How long each stage of a 差评 case may take, in working days. Defaults where the Xi'an measures
// are silent (../shared/domain.md): verify 1, rectify 5 (15 when complex). Process owners will change
// them through the SLA policy; until then these are the policy in force.
export const DEFAULT_STAGE_WORKING_DAYS = {
  verify: 1,
  rectify: 5,
  rectifyComplex: 15,
} as const;

export type SlaStage = 'verify' | 'rectify';

export interface Deadline {
  due: Date;
  /** The count passed through a year whose holiday notice is not loaded yet. */
  provisional: boolean;
}

/** Async: the calendar in force can change while a process runs (a notice loaded at runtime). */
export interface DeadlineCalculator {
  deadlineAfter(start: Date, workingDays: number): Promise<Deadline>;
}

export type ClockState = 'on-track' | 'at-risk' | 'overdue' | 'met' | 'missed';
