// Every topic this project serves, one file each. test/unit/models.test.ts checks that the topics in
// processes/*.bpmn and these files match one to one.
import * as caseRoute from './case-route.ts';
import * as slaOverdue from './sla-overdue.ts';
import * as raterAnswer from './rater-answer.ts';
import * as caseClose from './case-close.ts';
import * as hotlineHandover from './hotline-handover.ts';
import * as hotlineWithdraw from './hotline-withdraw.ts';
import * as slaStart from './sla-start.ts';
import * as slaReminder from './sla-reminder.ts';
import * as returnVisitRecord from './return-visit-record.ts';
import * as appealDecisionRecord from './appeal-decision-record.ts';
import * as invitationSchedule from './invitation-schedule.ts';
import * as invitationReminder from './invitation-reminder.ts';
import * as invitationUnrated from './invitation-unrated.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const TOPIC_MODULES = [
  caseRoute,
  hotlineHandover,
  hotlineWithdraw,
  slaStart,
  slaReminder,
  slaOverdue,
  raterAnswer,
  returnVisitRecord,
  appealDecisionRecord,
  caseClose,
  invitationSchedule,
  invitationReminder,
  invitationUnrated,
];

export function createTopicWorkers(deps: WorkerDeps): TopicWorker[] {
  return TOPIC_MODULES.map((module) => module.createWorker(deps));
}
