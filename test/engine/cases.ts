// Driving a 差评 through the API, as the engine-tier tests do again and again.
import assert from 'node:assert/strict';
import {
  eventually,
  postJson,
  badReviewBody,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import { staff, staffOfDepartment } from '../support/staff.ts';
import { waitForInstanceEnd } from './called-processes.ts';
import { SAMPLE_PDF, uploadEvidence } from '../support/evidence-files.ts';
import type { Harness } from './harness.ts';

export interface OpenTask {
  id: string;
  stage: string;
  caseId: string;
  dueAt: string | null;
}

/** Registers a 办件 (`record`: its fields other than the default's) and posts a 差评 of it; returns the case id. */
export async function postBadReview(
  harness: Harness,
  overrides: Record<string, unknown> = {},
  record: Record<string, unknown> = {},
): Promise<string> {
  const body = serviceRecordBody(record);
  const created = await postJson(harness.apiUrl, '/api/service-records', body, HANDLING_SYSTEM_HEADERS);
  if (created.status !== 201) throw new Error(`service record refused: ${JSON.stringify(created.body)}`);
  const rated = await postRating(harness.apiUrl, harness.protector, badReviewBody(body.id, overrides));
  if (rated.status !== 201) throw new Error(`evaluation refused: ${JSON.stringify(rated.body)}`);
  return rated.body.caseId as string;
}

export async function waitForTask(
  harness: Harness,
  caseId: string,
  stage: string,
  group = 'xa-market',
  timeoutMs = 15_000,
): Promise<OpenTask> {
  return eventually(
    async () => {
      const session = await staffOfDepartment(harness.apiUrl, group);
      const list = await session.get(`/api/tasks?group=${group}&pageSize=100`);
      return (list.body.tasks as OpenTask[]).find((task) => task.caseId === caseId && task.stage === stage);
    },
    { timeoutMs, what: `${stage} task of case ${caseId}` },
  );
}

/** Completes a task as the test user of its (first) candidate group. */
export async function completeTask(harness: Harness, taskId: string, form: Record<string, unknown>) {
  const session = await staffForTask(harness, taskId);
  return session.post(`/api/tasks/${taskId}/complete`, form);
}

/** The test user who works a task: the one of its first candidate group (test/support/staff.ts). */
export async function staffForTask(harness: Harness, taskId: string) {
  const links = await harness.engine.taskIdentityLinks(taskId).catch(() => []);
  const group = links.find((link) => link.type === 'candidate' && link.groupId)?.groupId;
  return group ? staffOfDepartment(harness.apiUrl, group) : staff(harness.apiUrl, 'wang.fang');
}

/** An admin's session: sees every case. */
export function adminSession(harness: Harness) {
  return staff(harness.apiUrl, 'admin');
}

/** Completes the open task of `stage`, failing loudly when the form is refused. */
export async function completeStage(
  harness: Harness,
  caseId: string,
  stage: string,
  form: Record<string, unknown>,
  group = 'xa-market',
): Promise<OpenTask> {
  const task = await waitForTask(harness, caseId, stage, group);
  const done = await completeTask(harness, task.id, form);
  if (done.status !== 200) throw new Error(`${stage} refused: ${JSON.stringify(done.body)}`);
  return task;
}

/** The 12345 operator records the return visit (art. 18) in the task list. */
export function recordReturnVisit(
  harness: Harness,
  caseId: string,
  result: 'satisfied' | 'basically-satisfied' | 'dissatisfied',
  note = '',
): Promise<OpenTask> {
  return completeStage(harness, caseId, 'Task_RecordReturnVisit', { result, note }, 'xa-12345');
}

/** Evidence uploaded to the case by wang.fang of the market bureau; returns the attachment's id. */
export async function evidenceOf(
  harness: Harness,
  caseId: string,
  content = SAMPLE_PDF,
  type = 'application/pdf',
): Promise<string> {
  const uploaded = await uploadEvidence(harness.apiUrl, caseId, {
    content,
    fileName: type === 'application/pdf' ? '窗口录像说明.pdf' : '现场照片.png',
    type,
    uploadedBy: 'wang.fang',
  });
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  return uploaded.body.id as string;
}

/** The unit finds the 差评 valid, then reports its rectification: the straight path's first two stages. */
export async function verifyAndRectify(
  harness: Harness,
  caseId: string,
  report: { problem: string; actions: string } = { problem: '办理超时', actions: '已当面致歉并办结' },
): Promise<void> {
  await completeStage(harness, caseId, 'Task_VerifyComplaint', { outcome: 'valid', findings: '情况属实' });
  await completeStage(harness, caseId, 'Task_RectifyComplaint', report);
}

export async function waitForCaseStatus(
  harness: Harness,
  caseId: string,
  status: string,
  timeoutMs = 15_000,
) {
  return eventually(
    async () => {
      const found = await (await adminSession(harness)).get(`/api/cases/${caseId}`);
      return found.body.status === status ? found.body : undefined;
    },
    { timeoutMs, what: `case ${caseId} to be ${status}` },
  );
}

export function timelineKinds(caseBody: Record<string, any>): string[] {
  return (caseBody.timeline as { kind: string }[]).map((event) => event.kind);
}

/** The engine's history of the case's own process instance: the activity ids it passed. */
export async function passedActivities(harness: Harness, caseId: string): Promise<string[]> {
  const instance = await caseInstance(harness, caseId);
  return (await harness.engine.historicActivities(instance.id)).map((activity) => activity.activityId);
}

/**
 * The activities of a case whose process instance has ended. The close worker marks the case closed in the
 * database before it completes its external task, so a closed case may still be running in the engine for a
 * moment: wait for the engine's end before reading its history.
 */
export async function activitiesOfEndedCase(harness: Harness, caseId: string): Promise<string[]> {
  await waitForInstanceEnd(harness, (await caseInstance(harness, caseId)).id);
  return passedActivities(harness, caseId);
}

async function caseInstance(harness: Harness, caseId: string) {
  const [instance] = await harness.engine.historicProcessInstances({
    processInstanceBusinessKey: caseId,
    processDefinitionKey: 'bad-review',
  });
  if (!instance) throw new Error(`no bad-review instance for ${caseId}`);
  return instance;
}

export interface CaseHistory {
  instance: { id: string; businessKey: string; processDefinitionKey: string; state: string };
  /** Activity ids the case's own instance passed or is in, once per activity instance, in order. */
  passed: string[];
  /** Those still running (no end time): the open task, a waiting service task. */
  open: string[];
}

/**
 * The engine's history of the case's process instance, found through the instance id the database keeps
 * for the case, and checked to be a bad-review instance under the case id as business key.
 */
export async function caseHistory(harness: Harness, caseId: string): Promise<CaseHistory> {
  const row = await harness.db('cases').where({ id: caseId }).first('process_instance_id');
  assert.ok(row?.process_instance_id, `case ${caseId} knows its process instance`);
  const [instance] = await harness.engine.historicProcessInstances({
    processInstanceId: row.process_instance_id,
  });
  assert.ok(instance, `the engine's history has the instance of case ${caseId}`);
  assert.equal(instance.businessKey, caseId, 'the business key is the case id');
  assert.equal(instance.processDefinitionKey, 'bad-review');
  const activities = await harness.engine.historicActivities(instance.id);
  return {
    instance,
    passed: activities.map((activity) => activity.activityId),
    open: activities.filter((activity) => !activity.endTime).map((activity) => activity.activityId),
  };
}

/** How often an activity ran. */
export const timesPassed = (history: CaseHistory, activityId: string) =>
  history.passed.filter((id) => id === activityId).length;

/** The history of a case whose instance has ended (see activitiesOfEndedCase: closed comes first). */
export async function endedCaseHistory(harness: Harness, caseId: string): Promise<CaseHistory> {
  await waitForInstanceEnd(harness, (await caseInstance(harness, caseId)).id);
  const history = await caseHistory(harness, caseId);
  assert.equal(history.instance.state, 'COMPLETED');
  assert.deepEqual(history.open, [], 'nothing left running');
  return history;
}
