// Chinese names of what the server sends as codes. Level, channel, stage-clock and decision names come
// from the domain's own tables, so the task list says what the rest of the system says.
import { LEVEL_LABELS } from '../../domain/evaluation/levels.ts';
import { SUBJECT_TYPE_LABELS, ratingChannelLabel } from '../../domain/evaluation/subject-ledger.ts';
import { STAGE_LABELS } from '../../domain/case/sla-policy.ts';
import { RETURN_VISIT_RESULT_LABELS } from '../../domain/case/return-visit.ts';
import { APPEAL_DECISION_LABELS } from '../../domain/case/appeal.ts';
import { FRAUD_SIGNAL_LABELS } from '../../domain/fraud/types.ts';
import { OUTCOME_LABELS } from '../../domain/case/messages.ts';
import type { Role, SlaState } from './types.ts';

/** The user tasks of processes/*.bpmn, by id (the `stage` of a task row), in the order a case meets them. */
export const TASK_STAGES: Record<string, string> = {
  Task_AssignResponsibleUnit: '指定责任单位',
  Task_VerifyComplaint: '核实差评',
  Task_RectifyComplaint: '整改',
  Task_ReviewAppeal: '复核申诉',
  Task_ProvideAppealEvidence: '补充申诉证据',
  Task_PickConsultationDepartments: '确定会商部门',
  Task_GiveConsultationOpinion: '出具会商意见',
  Task_WriteConsultationReply: '汇总会商答复',
  Task_RecordReturnVisit: '12345回访',
  Task_HandleEscalation: '处理升级',
};

export const SLA_STATES: Record<SlaState, { label: string; type: 'success' | 'warning' | 'danger' }> = {
  'on-track': { label: '正常', type: 'success' },
  'at-risk': { label: '临期', type: 'warning' },
  overdue: { label: '超期', type: 'danger' },
};

export const ROLE_LABELS: Record<Role, string> = {
  'unit-staff': '承办单位经办人',
  'unit-leader': '承办单位负责人',
  'approval-reviewer': '审批部门复核人',
  'approval-coordinator': '审批部门协调人',
  'hotline-operator': '12345话务员',
  supervisor: '效能监督',
  'process-owner': '流程管理员',
  admin: '系统管理员',
};

export const CASE_STATUS: Record<string, string> = {
  'pending-start': '待启动',
  open: '办理中',
  closed: '已结案',
};

export const CLOCK_STATES: Record<
  string,
  { label: string; type: 'success' | 'warning' | 'danger' | 'info' }
> = {
  'on-track': { label: '计时中', type: 'success' },
  'at-risk': { label: '临期', type: 'warning' },
  overdue: { label: '超期', type: 'danger' },
  met: { label: '按期完成', type: 'info' },
  missed: { label: '超期完成', type: 'danger' },
  stopped: { label: '已终止', type: 'info' },
};

/** Steps on the timeline that run no clock. */
const STEP_LABELS: Record<string, string> = {
  intake: '评价受理',
  route: '分派',
  hotline: '12345热线',
  answer: '反馈评价人',
  close: '结案',
};

/** The values of the forms' choices, as the timeline shows them. */
export const CHOICE_LABELS: Record<string, string> = {
  valid: '差评属实',
  'valid-complex': '差评属实（情况复杂）',
  contested: '申请复核',
  consultation: '提请会商',
  invalid: '无效差评',
  malicious: '恶意差评',
  'more-evidence': '补充证据',
  close: '结案',
  'rectify-again': '再次整改',
  ...RETURN_VISIT_RESULT_LABELS,
  ...OUTCOME_LABELS,
};

export const EVENT_KINDS: Record<string, string> = {
  'case-opened': '案件生成',
  'case-routed': '分派承办单位',
  'hotline-handover': '转12345工单',
  'hotline-status': '12345工单状态',
  'hotline-withdrawn': '撤回12345工单',
  'stage-started': '环节开始',
  'stage-completed': '环节办结',
  'sla-reminded': '临期提醒',
  'sla-overdue': '超期督办',
  'sla-due-recomputed': '期限重算',
  'rater-answered': '答复评价人',
  'return-visit-recorded': '登记回访结果',
  'return-visit-reported': '12345回传回访',
  'rating-not-adopted': '差评不予采纳',
  'case-closed': '结案',
  'task-claimed': '签收',
  'task-unclaimed': '退回签收',
  'task-transferred': '转办',
  'task-sent-back': '退回',
  'task-urged': '催办',
  'stage-sent-back': '退回',
  comment: '意见',
};

export const levelLabel = (level: string): string => (LEVEL_LABELS as Record<string, string>)[level] ?? level;
export const channelLabel = ratingChannelLabel;
export const clockStageLabel = (stage: string): string =>
  (STAGE_LABELS as Record<string, string>)[stage] ?? STEP_LABELS[stage] ?? stage;
export const taskStageLabel = (stage: string): string => TASK_STAGES[stage] ?? stage;
/** How a closed case ended (cases.outcome). */
export const outcomeLabel = (outcome: string): string =>
  (OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome;
export { RETURN_VISIT_RESULT_LABELS, APPEAL_DECISION_LABELS, SUBJECT_TYPE_LABELS };

/** A time as people in Xi'an read it, whatever the browser's zone. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(date)
    .replace(/\//g, '-');
}

/** A department's name when the signed-in user works for it (the case answer carries ids only). */
export function departmentName(id: string | null | undefined, known: { id: string; name: string }[]): string {
  if (!id) return '待指定';
  return known.find((department) => department.id === id)?.name ?? id;
}

/** A fraud signal's short name; the flag's own reasons give the particulars. */
export function fraudSignalLabel(signal: string): string {
  return (FRAUD_SIGNAL_LABELS as Record<string, string>)[signal] ?? signal;
}

/** Beside a due date counted into a year whose holidays are not yet published (暂定). */
export const PROVISIONAL_HINT =
  '期限跨入尚未公布放假安排的年份（或年末 12 月 25 日以后、次年通知可能调整的日子），通知公布后将重新计算';
