// The words the system sends to people about a case: reminders, escalations, the answer to the rater.
import { APPEAL_DECISION_LABELS, isNotAdopted } from './appeal.ts';
import { STAGE_LABELS } from './sla-policy.ts';
import { shanghaiDateTimeText as shanghai } from '../calendar/shanghai-time.ts';
import type { SlaStage } from './sla-policy.ts';

/** Whose task a stage is: the unit that answers for the 差评, the approval department, or 12345. */
export const STAGE_OWNER: Record<SlaStage, 'unit' | 'approval' | 'hotline'> = {
  assign: 'approval',
  verify: 'unit',
  rectify: 'unit',
  'appeal-review': 'approval',
  'appeal-evidence': 'unit',
  'consultation-opinion': 'unit',
  'consultation-reply': 'approval',
  'return-visit': 'hotline',
  escalation: 'approval',
};

/**
 * Who is told of a stage's 超期督办 in its owner department: those who answer for the department's casework —
 * a unit's leaders, an approval department's coordinators, 12345's operators (it has no leader role here).
 */
export const OVERDUE_ROLES: Record<(typeof STAGE_OWNER)[SlaStage], string[]> = {
  unit: ['unit-leader'],
  approval: ['approval-coordinator'],
  hotline: ['hotline-operator'],
};

export function reminderMessage(caseId: string, stage: SlaStage, due: Date) {
  return {
    subject: `【好差评】差评件“${STAGE_LABELS[stage]}”即将超期`,
    body: `差评件 ${caseId} 的“${STAGE_LABELS[stage]}”环节将于 ${shanghai(due)} 到期，请及时办理。`,
  };
}

export function escalationMessage(caseId: string, stage: SlaStage, due: Date) {
  return {
    subject: `【好差评】差评件“${STAGE_LABELS[stage]}”已超期，请督办`,
    body: `差评件 ${caseId} 的“${STAGE_LABELS[stage]}”环节已于 ${shanghai(due)} 超期，案件继续办理，请单位负责人督促办结。`,
  };
}

/** To the approval department when the rater stays dissatisfied after the last round of rectification. */
export function escalatedToApprovalMessage(caseId: string, rounds: number, due: Date) {
  return {
    subject: '【好差评】差评件已升级至审批部门，请处理',
    body: `差评件 ${caseId} 经 ${rounds} 轮整改，12345 回访评价人仍不满意，已升级至本部门处理，请于 ${shanghai(due)} 前办理。`,
  };
}

export interface AnswerFacts {
  appealDecision?: unknown;
  appealDecisionReasons?: unknown;
  /** The approval department's decision on an escalation (处理升级), and its note. */
  escalationDecision?: unknown;
  escalationNote?: unknown;
  consultationReply?: unknown;
  rectifyActions?: unknown;
  /** The answers the rater already had, from earlier rounds. */
  answersSent?: readonly string[];
}

export type AnswerKind = 'rectification' | 'consultation' | 'not-adopted' | 'escalation-closed';

export interface RaterAnswer {
  kind: AnswerKind;
  message: string;
}

/** What a person wrote, trimmed and without its closing full stop (the message adds its own). */
const text = (value: unknown): string =>
  typeof value === 'string' ? value.trim().replace(/[。．.]+$/u, '') : '';

/**
 * The answer to the rater (art. 17), for this round: a 差评 not adopted after the appeal review is told so,
 * with the reviewer's reasons; a case the approval department closed on its escalation (the rounds used up,
 * the rater still dissatisfied) is told that decision, with its note; else the consultation's reply, unless the rater already had it (a
 * dissatisfied return visit sent the case to rectification since); else what was rectified.
 */
export function answerToRater(facts: AnswerFacts): RaterAnswer | undefined {
  if (isNotAdopted(facts.appealDecision)) {
    const reasons = text(facts.appealDecisionReasons);
    const label = APPEAL_DECISION_LABELS[facts.appealDecision];
    return {
      kind: 'not-adopted',
      message: `您好，您的差评已由同级行政审批部门复核，复核结论为不予采纳（${label}）。${reasons ? `理由：${reasons}。` : ''}如有异议，可拨打12345政务服务便民热线反映。感谢您的监督。`,
    };
  }
  if (facts.escalationDecision === 'close') {
    const note = text(facts.escalationNote);
    return {
      kind: 'escalation-closed',
      message: `您好，您反映的问题经多轮整改后，已由同级行政审批部门督办处理并决定结案。${note ? `处理意见：${note}。` : ''}如有异议，可拨打12345政务服务便民热线反映。感谢您的监督。`,
    };
  }
  const consultation = text(facts.consultationReply);
  const consultationMessage = `您好，您反映的问题经相关部门会商，答复如下：${consultation}。感谢您的监督。`;
  if (consultation && !(facts.answersSent ?? []).includes(consultationMessage)) {
    return { kind: 'consultation', message: consultationMessage };
  }
  const actions = text(facts.rectifyActions);
  if (actions) {
    return {
      kind: 'rectification',
      message: `您好，您对政务服务的评价已收到并核实。整改情况：${actions}。感谢您的监督，欢迎继续评价。`,
    };
  }
  // The consultation's reply again: nothing newer to tell.
  return consultation ? { kind: 'consultation', message: consultationMessage } : undefined;
}

export type CaseOutcome =
  'rectified' | 'answered-after-consultation' | 'not-adopted' | 'closed-after-escalation' | 'fraud-confirmed';

export const OUTCOME_LABELS: Record<CaseOutcome, string> = {
  rectified: '已整改',
  'answered-after-consultation': '会商后已答复',
  'not-adopted': '差评不予采纳',
  'closed-after-escalation': '升级处理后结案',
  'fraud-confirmed': '确认刷评，终止处置',
};

/**
 * How the case ended, from its process variables. `fraudConfirmed` is what the message that ends a case
 * early carries (bad-review's event sub-process 确认刷评): whatever the case had reached, that ends it.
 */
export function caseOutcome(variables: {
  fraudConfirmed?: unknown;
  appealDecision?: unknown;
  escalationDecision?: unknown;
  consultationReply?: unknown;
}): CaseOutcome {
  if (variables.fraudConfirmed === true) return 'fraud-confirmed';
  if (variables.appealDecision === 'invalid' || variables.appealDecision === 'malicious')
    return 'not-adopted';
  if (variables.escalationDecision === 'close') return 'closed-after-escalation';
  if (typeof variables.consultationReply === 'string' && variables.consultationReply) {
    return 'answered-after-consultation';
  }
  return 'rectified';
}
