import assert from 'node:assert/strict';
import { answerToRater, caseOutcome } from '../../domain/case/messages.ts';
import { reminderAt, stageVariablePrefix } from '../../domain/case/sla-policy.ts';

describe('case rules (issue 4)', () => {
  it('given the way a case ended, then its outcome says so', () => {
    assert.equal(caseOutcome({ appealDecision: 'malicious' }), 'not-adopted');
    assert.equal(caseOutcome({ appealDecision: 'invalid' }), 'not-adopted');
    assert.equal(caseOutcome({ appealDecision: 'valid' }), 'rectified');
    assert.equal(caseOutcome({ escalationDecision: 'close' }), 'closed-after-escalation');
    assert.equal(caseOutcome({ consultationReply: '经会商，已协调解决' }), 'answered-after-consultation');
    assert.equal(caseOutcome({}), 'rectified');
  });

  it('given a consultation reply, then the rater is answered with it, else with the rectification', () => {
    assert.match(
      answerToRater({ consultationReply: '已由两部门联合办理', rectifyActions: 'x' })!,
      /会商.*已由两部门联合办理/,
    );
    assert.match(answerToRater({ rectifyActions: '已致歉' })!, /整改情况：已致歉/);
    assert.equal(answerToRater({}), undefined);
  });

  it('given a clock, then the reminder falls at its share of the time and stage variables are camel-cased', () => {
    const start = new Date('2026-11-02T01:00:00Z');
    const due = new Date('2026-11-02T11:00:00Z');
    assert.equal(reminderAt(start, due, 60).toISOString(), '2026-11-02T07:00:00.000Z');
    assert.equal(reminderAt(start, due, 150).toISOString(), due.toISOString());
    assert.equal(stageVariablePrefix('appeal-review'), 'appealReview');
    assert.equal(stageVariablePrefix('verify'), 'verify');
  });
});
