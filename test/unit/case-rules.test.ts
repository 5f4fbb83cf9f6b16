import assert from 'node:assert/strict';
import {
  answerToRater,
  caseOutcome,
  escalatedToApprovalMessage,
  escalationMessage,
  reminderMessage,
} from '../../domain/case/messages.ts';
import { reminderAt, reminderKeepingShare, stageVariablePrefix } from '../../domain/case/sla-policy.ts';

describe('case rules (issue 4)', () => {
  it('given the way a case ended, then its outcome says so', () => {
    assert.equal(caseOutcome({ appealDecision: 'malicious' }), 'not-adopted');
    assert.equal(caseOutcome({ appealDecision: 'invalid' }), 'not-adopted');
    assert.equal(caseOutcome({ appealDecision: 'valid' }), 'rectified');
    assert.equal(caseOutcome({ escalationDecision: 'close' }), 'closed-after-escalation');
    assert.equal(caseOutcome({ consultationReply: '经会商，已协调解决' }), 'answered-after-consultation');
    assert.equal(caseOutcome({}), 'rectified');
    assert.equal(
      caseOutcome({ fraudConfirmed: true, appealDecision: 'valid', consultationReply: '经会商，已协调解决' }),
      'fraud-confirmed',
    );
    assert.equal(caseOutcome({ fraudConfirmed: 'true' }), 'rectified');
  });

  it('given a consultation reply, then the rater is answered with it, else with the rectification', () => {
    const consultation = answerToRater({ consultationReply: '已由两部门联合办理', rectifyActions: 'x' })!;
    assert.equal(consultation.kind, 'consultation');
    assert.match(consultation.message, /会商.*已由两部门联合办理/);
    const rectified = answerToRater({ rectifyActions: '已致歉。' })!;
    assert.equal(rectified.kind, 'rectification');
    assert.match(rectified.message, /整改情况：已致歉。感谢/);
    assert.equal(answerToRater({}), undefined);
  });

  it('given the rater already had the consultation reply, when the case was rectified since, then the next answer is the rectification', () => {
    const first = answerToRater({ consultationReply: '已由两部门联合办理' })!;
    const next = answerToRater({
      consultationReply: '已由两部门联合办理',
      rectifyActions: '专人上门办结',
      answersSent: [first.message],
    })!;
    assert.equal(next.kind, 'rectification');
    assert.match(next.message, /专人上门办结/);
  });

  for (const decision of ['invalid', 'malicious'] as const) {
    it(`given an appeal decided ${decision}, then the rater is told the 差评 was reviewed and not adopted, with the reasons`, () => {
      const answer = answerToRater({
        appealDecision: decision,
        appealDecisionReasons: '评价所指办件并非本单位办理',
        rectifyActions: '上一轮整改',
      })!;
      assert.equal(answer.kind, 'not-adopted');
      assert.match(answer.message, /复核.*不予采纳/);
      assert.match(answer.message, /理由：评价所指办件并非本单位办理。/);
      assert.doesNotMatch(answer.message, /上一轮整改/);
    });
  }

  it('given an escalation the approval department closed, then the rater is told that decision with its note, not the last rectification again', () => {
    const answer = answerToRater({
      escalationDecision: 'close',
      escalationNote: '已约谈单位负责人，诉求超出受理范围。',
      rectifyActions: '第二轮整改',
      answersSent: [
        '您好，您对政务服务的评价已收到并核实。整改情况：第二轮整改。感谢您的监督，欢迎继续评价。',
      ],
    })!;
    assert.equal(answer.kind, 'escalation-closed');
    assert.match(answer.message, /行政审批部门督办处理并决定结案/);
    assert.match(answer.message, /处理意见：已约谈单位负责人，诉求超出受理范围。如有异议/);
    assert.doesNotMatch(answer.message, /第二轮整改/);
  });

  it('given an escalation that sent the case to rectify again, then the next answer is that rectification', () => {
    const answer = answerToRater({ escalationDecision: 'rectify-again', rectifyActions: '第三轮整改' })!;
    assert.equal(answer.kind, 'rectification');
    assert.match(answer.message, /第三轮整改/);
  });

  it('given a clock, then the reminder falls at its share of the time and stage variables are camel-cased', () => {
    const start = new Date('2026-11-02T01:00:00Z');
    const due = new Date('2026-11-02T11:00:00Z');
    assert.equal(reminderAt(start, due, 60).toISOString(), '2026-11-02T07:00:00.000Z');
    assert.equal(reminderAt(start, due, 150).toISOString(), due.toISOString());
    assert.equal(stageVariablePrefix('appeal-review'), 'appealReview');
    assert.equal(stageVariablePrefix('verify'), 'verify');
  });

  it('given a due date a holiday notice moved, then the reminder keeps its share of the time, and moving it again changes nothing', () => {
    const start = new Date('2026-11-02T01:00:00Z');
    const planned = { due: new Date('2026-11-02T11:00:00Z'), remindAt: new Date('2026-11-02T07:00:00Z') };
    const later = new Date('2026-11-03T11:00:00Z'); // 34 h after the start instead of 10
    const moved = reminderKeepingShare(start, planned, later);
    assert.equal(moved.toISOString(), '2026-11-02T21:24:00.000Z', '60 % of 34 h');
    assert.equal(
      reminderKeepingShare(start, { due: later, remindAt: moved }, later).getTime(),
      moved.getTime(),
    );
    const earlier = new Date('2026-11-02T06:00:00Z');
    assert.equal(reminderKeepingShare(start, planned, earlier).toISOString(), '2026-11-02T04:00:00.000Z');
    const dueAtStart = { due: start, remindAt: start };
    assert.equal(reminderKeepingShare(start, dueAtStart, later).getTime(), later.getTime());
  });
});

describe('messages about a case’s clock (issue 4)', () => {
  const due = new Date('2026-12-01T15:59:59Z');

  it('given a stage about to run over, then its owners read the stage and its deadline in Beijing time', () => {
    const message = reminderMessage('case-1', 'verify', due);
    assert.match(message.subject, /核实.*即将超期/);
    assert.match(message.body, /case-1.*2026-12-01 23:59:59/);
  });

  it('given a stage overdue, then the leaders read that the case goes on and they should push it', () => {
    const message = escalationMessage('case-1', 'rectify', due);
    assert.match(message.subject, /整改.*已超期/);
    assert.match(message.body, /案件继续办理/);
  });

  it('given an escalation after the last round, then the approval department reads the rounds and its deadline', () => {
    const message = escalatedToApprovalMessage('case-1', 2, due);
    assert.match(message.subject, /升级至审批部门/);
    assert.match(message.body, /case-1 经 2 轮整改.*2026-12-01 23:59:59 前办理/);
  });
});
