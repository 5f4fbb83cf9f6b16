// The elements of the shipped models that code names by id (timers it moves, tasks it updates, activities it
// starts or recognises) and the messages it sends by name. A process owner may change a model freely but
// these: deployed without one, a running case would lose its escalation, its clock or its return visit
// without a word. So a model must keep those of them its shipped version (processes/) holds.
import { NEXT_ROUND_ACTIVITY, STAGE_DEADLINE_ELEMENTS } from '../engine-deadlines.ts';
import { REMINDER_TIMER_ACTIVITY_ID, WINDOW_TIMER_ACTIVITY_ID } from '../engine-invitation-window.ts';
import { FRAUD_CONFIRMED_MESSAGE, FRAUD_CONFIRMED_SUB_PROCESS } from '../outbox/fraud-case-ender.ts';
import { RETURN_VISIT_MESSAGE } from '../../domain/case/return-visit.ts';
import { EVALUATION_RECEIVED_MESSAGE } from '../../domain/evaluation/invitation.ts';
import { stageDueVariable, stageRemindVariable, type SlaStage } from '../../domain/case/sla-policy.ts';

export interface TimerDate {
  /** The date variable the timer must wait on (its timeDate). */
  expression: string;
  /** Why, for the process owner. */
  why: string;
}

const WORKING_DAY_DUE =
  '按工作日算出的期限：按时长或周期计时会错过法定假日和调休，放假安排公布后系统也无法移动它';
const STAGE_REMINDER = '按期限的百分比算出的提醒时间：放假安排公布、期限移动后，系统按同一比例移动它';

/**
 * The timers that must wait on a date the system computes: each stage's escalation timer on the stage's due date
 * (`${<stage>Due}`) and its reminder on `${<stage>RemindAt}`, both moved when a notice changes the due date;
 * the rating invitation's reminder 24 hours after completion and its window's end, 5 working days after the
 * reminder, moved likewise.
 */
export const STAGE_TIMERS: ReadonlyMap<string, TimerDate> = new Map<string, TimerDate>([
  ...Object.entries(STAGE_DEADLINE_ELEMENTS).flatMap(([stage, elements]) =>
    elements
      ? [
          [
            elements.timerActivityId,
            { expression: `\${${stageDueVariable(stage as SlaStage)}}`, why: WORKING_DAY_DUE },
          ] as const,
          [
            elements.reminderActivityId,
            { expression: `\${${stageRemindVariable(stage as SlaStage)}}`, why: STAGE_REMINDER },
          ] as const,
        ]
      : [],
  ),
  [
    REMINDER_TIMER_ACTIVITY_ID,
    { expression: '${reminderAt}', why: '办结后 24 小时的提醒时间，由系统计算并记录，短信提醒据此发送' },
  ],
  [WINDOW_TIMER_ACTIVITY_ID, { expression: '${windowClosesAt}', why: WORKING_DAY_DUE }],
]);

const CODE_ELEMENT_IDS: ReadonlySet<string> = new Set([
  ...Object.values(STAGE_DEADLINE_ELEMENTS).flatMap((elements) =>
    elements ? [elements.timerActivityId, elements.reminderActivityId, ...elements.taskDefinitionKeys] : [],
  ),
  NEXT_ROUND_ACTIVITY,
  FRAUD_CONFIRMED_SUB_PROCESS,
  WINDOW_TIMER_ACTIVITY_ID,
  REMINDER_TIMER_ACTIVITY_ID,
]);

const CODE_MESSAGE_NAMES: ReadonlySet<string> = new Set([
  RETURN_VISIT_MESSAGE,
  EVALUATION_RECEIVED_MESSAGE,
  FRAUD_CONFIRMED_MESSAGE,
]);

export interface CodeReferences {
  elementIds: readonly string[];
  messageNames: readonly string[];
}

/** Of the ids and message names code relies on, those a BPMN document (a shipped model) holds. */
export function codeReferencesIn(xml: string): CodeReferences {
  const ids = new Set([...xml.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!));
  const messages = new Set(
    [...xml.matchAll(/<(?:bpmn:)?message\b[^>]*\bname="([^"]+)"/g)].map((match) => match[1]!),
  );
  return {
    elementIds: [...CODE_ELEMENT_IDS].filter((id) => ids.has(id)),
    messageNames: [...CODE_MESSAGE_NAMES].filter((name) => messages.has(name)),
  };
}
