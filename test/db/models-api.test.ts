// The modeler's API on bad input (issue 7), over a fresh database and no engine: every refusal below
// happens before the engine would be asked, so nothing can have been deployed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { signIn, type StaffSession } from '../support/modeler-session.ts';
import { ERROR_CATALOGUE } from '../../server/errors.ts';

const BAD_REVIEW = fs.readFileSync('processes/bad-review.bpmn', 'utf8');
const SLA_POLICY = fs.readFileSync('processes/sla-policy.dmn', 'utf8');

describe('the modeler API refuses bad input (issue 7)', function () {
  this.timeout(60_000);
  let world: RatingApi;
  let owner: StaffSession;
  let otherOwner: StaffSession;
  let staff: StaffSession;

  before(async () => {
    world = await startRatingApi('hcp_test_models_api');
    owner = await signIn(world.api, 'zhou.jie');
    otherOwner = await signIn(world.api, 'admin');
    staff = await signIn(world.api, 'wang.fang');
  });

  after(() => world?.stop());

  const deploys = () => world.db('model_deploys').count<{ count: string }[]>('* as count');
  const rulesOf = (body: any) =>
    (body.error.details.problems as { rule: string }[]).map((problem) => problem.rule);

  async function newDraft(xml = BAD_REVIEW, kind = 'bpmn') {
    const created = await owner.call('POST', '/api/model-drafts', { kind, xml });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body.draft as { id: string; revision: number; key: string };
  }

  function assertError(answer: { status: number; body: any }, id: keyof typeof ERROR_CATALOGUE) {
    assert.equal(answer.body?.error?.id, id, JSON.stringify(answer.body));
    assert.equal(answer.status, ERROR_CATALOGUE[id].status);
    assert.equal(answer.body.error.message, ERROR_CATALOGUE[id].message);
  }

  it('given no session, when the models are listed, then 401', async () => {
    const answer = await fetch(`${world.api}/api/model-drafts`);
    assert.equal(answer.status, 401);
  });

  it('given malformed XML, when it is linted or saved, then 400 model.malformed_xml with the place and no draft', async () => {
    const lint = await owner.call('POST', '/api/models/lint', {
      kind: 'bpmn',
      xml: '<bpmn:definitions><oops',
    });
    assertError(lint, 'model.malformed_xml');
    assert.equal(typeof lint.body.error.details.line, 'number');
    const saved = await owner.call('POST', '/api/model-drafts', {
      kind: 'bpmn',
      xml: BAD_REVIEW.slice(0, 5000),
    });
    assertError(saved, 'model.malformed_xml');
    assert.equal((await world.db('model_drafts').where({ created_by: 'zhou.jie' })).length, 0);
  });

  it('given well-formed XML that is no BPMN (or a BPMN sent as DMN), when it is saved, then 400 model.unparseable', async () => {
    assertError(
      await owner.call('POST', '/api/model-drafts', {
        kind: 'bpmn',
        xml: '<?xml version="1.0"?><note>hi</note>',
      }),
      'model.unparseable',
    );
    assertError(
      await owner.call('POST', '/api/model-drafts', { kind: 'dmn', xml: BAD_REVIEW }),
      'model.unparseable',
    );
    const noProcess = BAD_REVIEW.replace(/<bpmn:process[\s\S]*<\/bpmn:process>/, '').replace(
      /<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/,
      '',
    );
    assertError(
      await owner.call('POST', '/api/model-drafts', { kind: 'bpmn', xml: noProcess }),
      'model.unparseable',
    );
  });

  it('given unit staff (not a process owner), when they save or deploy, then 403 auth.forbidden and nothing stored', async () => {
    const draft = await newDraft();
    assertError(
      await staff.call('POST', '/api/model-drafts', { kind: 'bpmn', xml: BAD_REVIEW }),
      'auth.forbidden',
    );
    assertError(
      await staff.call('PUT', `/api/model-drafts/${draft.id}`, { xml: BAD_REVIEW, revision: 1 }),
      'auth.forbidden',
    );
    assertError(
      await staff.call('POST', `/api/model-drafts/${draft.id}/deploy`, { revision: 1 }),
      'auth.forbidden',
    );
    assertError(
      await staff.call('POST', '/api/models/bpmn/bad-review/rollback', { version: 1 }),
      'auth.forbidden',
    );
    assert.equal((await world.db('model_drafts').where({ created_by: 'wang.fang' })).length, 0);
    assert.equal(Number((await deploys())[0]!.count), 0);
  });

  it('given a POST without the CSRF header, when a draft is saved, then 403 auth.csrf_invalid', async () => {
    const answer = await fetch(`${world.api}/api/model-drafts`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'bpmn', xml: BAD_REVIEW }),
    });
    assert.equal(answer.status, 403);
  });

  it('given two owners who opened the same draft, when both save, then the second gets 409 and its XML is kept as a new draft', async () => {
    const draft = await newDraft();
    const mine = BAD_REVIEW.replace('name="核实差评"', 'name="核实差评（周）"');
    const theirs = BAD_REVIEW.replace('name="核实差评"', 'name="核实差评（管理员）"');
    const [first, second] = await Promise.all([
      owner.call('PUT', `/api/model-drafts/${draft.id}`, { xml: mine, revision: 1 }),
      otherOwner.call('PUT', `/api/model-drafts/${draft.id}`, { xml: theirs, revision: 1 }),
    ]);
    const [won, lost] = first.status === 200 ? [first, second] : [second, first];
    assert.equal(won.status, 200, JSON.stringify(won.body));
    assert.equal(won.body.draft.revision, 2);
    assertError(lost, 'model.draft_conflict');
    const keptId = lost.body.error.details.savedAsDraftId as string;
    const kept = await owner.call('GET', `/api/model-drafts/${keptId}`);
    assert.equal(kept.status, 200);
    assert.equal(kept.body.conflictOf, draft.id);
    const stored = await owner.call('GET', `/api/model-drafts/${draft.id}`);
    assert.deepEqual(
      new Set([stored.body.xml, kept.body.xml]),
      new Set([mine, theirs]),
      'both versions survive: the winner in the draft, the loser as a new draft',
    );
  });

  it('given a stale revision, when the draft is deployed, then 409 model.draft_stale and nothing deployed', async () => {
    const draft = await newDraft();
    assert.equal(
      (await owner.call('PUT', `/api/model-drafts/${draft.id}`, { xml: BAD_REVIEW, revision: 1 })).status,
      200,
    );
    assertError(
      await otherOwner.call('POST', `/api/model-drafts/${draft.id}/deploy`, { revision: 1 }),
      'model.draft_stale',
    );
    assert.equal(Number((await deploys())[0]!.count), 0);
  });

  it('given a draft whose process id was changed, when it is saved over the draft, then 400 model.key_mismatch', async () => {
    const draft = await newDraft();
    const renamed = BAD_REVIEW.replace('id="bad-review"', 'id="bad-review-2"');
    assertError(
      await owner.call('PUT', `/api/model-drafts/${draft.id}`, { xml: renamed, revision: 1 }),
      'model.key_mismatch',
    );
  });

  it('given an unknown draft, when it is read, saved or deployed, then 404 model.draft_not_found', async () => {
    assertError(await owner.call('GET', '/api/model-drafts/999999'), 'model.draft_not_found');
    assertError(
      await owner.call('PUT', '/api/model-drafts/abc', { xml: BAD_REVIEW, revision: 1 }),
      'model.draft_not_found',
    );
    assertError(
      await owner.call('POST', '/api/model-drafts/999999/deploy', { revision: 1 }),
      'model.draft_not_found',
    );
  });

  describe('deploy refusals (checked before the engine is asked)', () => {
    async function refusedDeploy(xml: string, kind = 'bpmn') {
      const draft = await newDraft(xml, kind);
      const answer = await owner.call('POST', `/api/model-drafts/${draft.id}/deploy`, { revision: 1 });
      assertError(answer, 'model.check_failed');
      assert.equal(Number((await deploys())[0]!.count), 0);
      return answer.body.error.details.problems as {
        rule: string;
        elementId: string;
        elementName: string;
        message: string;
      }[];
    }

    /** This system's rules (hcp/…) among the problems a refused deploy names. */
    const rulesRefused = async (xml: string) =>
      (await refusedDeploy(xml)).map((problem) => problem.rule).filter((rule) => rule.startsWith('hcp/'));

    it('given the shipped models, when linted, then no errors', async () => {
      for (const [kind, xml] of [
        ['bpmn', BAD_REVIEW],
        ['dmn', SLA_POLICY],
      ] as const) {
        const answer = await owner.call('POST', '/api/models/lint', { kind, xml });
        assert.equal(answer.status, 200);
        assert.deepEqual(
          answer.body.problems.filter((problem: any) => problem.category === 'error'),
          [],
        );
      }
    });

    it('given a lint error (a task without a name), when deployed, then refused naming the element', async () => {
      const problems = await refusedDeploy(BAD_REVIEW.replace(' name="核实差评"', ''));
      assert.ok(
        problems.some(
          (problem) => problem.rule === 'label-required' && problem.elementId === 'Task_VerifyComplaint',
        ),
      );
    });

    it('given an external-task topic that no worker serves, when deployed, then refused', async () => {
      const problems = await refusedDeploy(
        BAD_REVIEW.replace('camunda:topic="hotline-handover"', 'camunda:topic="fax-machine"'),
      );
      const problem = problems.find((entry) => entry.rule === 'hcp/unserved-topic');
      assert.equal(problem?.elementId, 'Task_HotlineHandover');
      assert.match(problem!.message, /fax-machine/);
    });

    it('given a process not marked executable, a user task without a form in the task list, or a timing step naming no SLA stage, when deployed, then each is refused naming its rule', async () => {
      assert.ok(
        (await rulesRefused(BAD_REVIEW.replace('isExecutable="true"', 'isExecutable="false"'))).includes(
          'hcp/not-executable',
        ),
      );
      const renamed = BAD_REVIEW.replaceAll('Task_VerifyComplaint"', 'Task_Verify"');
      assert.ok((await rulesRefused(renamed)).includes('hcp/user-task-without-form'));
      const typo = BAD_REVIEW.replace(
        '<camunda:inputParameter name="stage">rectify<',
        '<camunda:inputParameter name="stage">rectfy<',
      );
      assert.ok((await rulesRefused(typo)).includes('hcp/unknown-sla-stage'));
    });

    it('given a model dropping or renaming what the code relies on — a stage timer, its due date, the return-visit message — or keeping history under a year, when deployed, then each is refused naming its rule', async () => {
      const renamedTimer = BAD_REVIEW.replaceAll('Timer_VerifyComplaintOverdue', 'Timer_VerifyLate');
      assert.ok((await rulesRefused(renamedTimer)).includes('hcp/code-element-missing'));
      const byDuration = BAD_REVIEW.replace(
        '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${verifyDue}</bpmn:timeDate>',
        '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration>',
      );
      assert.notEqual(byDuration, BAD_REVIEW);
      assert.ok((await rulesRefused(byDuration)).includes('hcp/stage-timer-due'));
      const message = BAD_REVIEW.replace('name="return-visit-result"', 'name="return-visit"');
      assert.ok((await rulesRefused(message)).includes('hcp/code-message-missing'));
      // Still defined, but no event waits for it any more.
      const notCaught = BAD_REVIEW.replace(
        '<bpmn:message id="Message_ReturnVisitResult" name="return-visit-result" />',
        '<bpmn:message id="Message_ReturnVisitResult" name="return-visit-result" /><bpmn:message id="Message_Other" name="other" />',
      ).replace('messageRef="Message_ReturnVisitResult"', 'messageRef="Message_Other"');
      assert.ok((await rulesRefused(notCaught)).includes('hcp/code-message-missing'));
      const shortHistory = BAD_REVIEW.replace(
        /camunda:historyTimeToLive="[^"]*"/,
        'camunda:historyTimeToLive="P1D"',
      );
      assert.ok((await rulesRefused(shortHistory)).includes('hcp/history-time-to-live'));
    });

    it('given a candidate group that is the literal id of no department, when deployed, then refused; a department id passes', async () => {
      const unknown = BAD_REVIEW.replace(
        'camunda:candidateGroups="${responsibleGroup}"',
        'camunda:candidateGroups="xa-nowhere"',
      );
      const problems = await refusedDeploy(unknown);
      assert.deepEqual(
        problems
          .filter((problem) => problem.rule === 'hcp/unknown-candidate-group')
          .map((problem) => problem.elementName),
        ['核实差评'],
      );
      const known = BAD_REVIEW.replace(
        'camunda:candidateGroups="${responsibleGroup}"',
        'camunda:candidateGroups="xa-market"',
      );
      const lint = await owner.call('POST', '/api/models/lint', { kind: 'bpmn', xml: known });
      assert.deepEqual(
        rulesOf({ error: { details: lint.body } }).filter((rule) => rule.startsWith('hcp/')),
        [],
      );
    });

    it('given a model that would make the engine run code — a Java class, a delegate, a listener, a script, a script condition, a method call in an expression — when deployed, then each is refused by hcp/runs-code naming its element', async () => {
      const runsCode = async (xml: string, kind = 'bpmn') => {
        assert.notEqual(xml, kind === 'bpmn' ? BAD_REVIEW : SLA_POLICY, 'the variant must differ');
        return (await refusedDeploy(xml, kind))
          .filter((problem) => problem.rule === 'hcp/runs-code')
          .map((problem) => problem.elementId);
      };
      const external = 'camunda:type="external" camunda:topic="hotline-handover"';
      assert.deepEqual(await runsCode(BAD_REVIEW.replace(external, 'camunda:class="java.lang.Runtime"')), [
        'Task_HotlineHandover',
      ]);
      assert.deepEqual(
        await runsCode(BAD_REVIEW.replace(external, 'camunda:delegateExpression="${runtimeService}"')),
        ['Task_HotlineHandover'],
      );
      const verifyStage = '<camunda:inputParameter name="stage">verify</camunda:inputParameter>';
      const listener = await runsCode(
        BAD_REVIEW.replace(
          verifyStage,
          `${verifyStage}</camunda:inputOutput><camunda:executionListener event="start" expression="\${execution.setVariable('verifyDue', null)}" /><camunda:inputOutput>`,
        ),
      );
      // The listener itself, its read of the engine's execution and the call in its expression.
      assert.deepEqual(listener, [
        'Task_RemindVerifyComplaint',
        'Task_RemindVerifyComplaint',
        'Task_RemindVerifyComplaint',
      ]);
      assert.deepEqual(
        await runsCode(
          BAD_REVIEW.replace(
            verifyStage,
            '<camunda:inputParameter name="stage"><camunda:script scriptFormat="javascript">"verify"</camunda:script></camunda:inputParameter>',
          ),
        ),
        ['Task_RemindVerifyComplaint'],
      );
      const realNameFlow = '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${realName}';
      assert.deepEqual(
        await runsCode(
          BAD_REVIEW.replace(
            realNameFlow,
            '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">true',
          ),
        ),
        ['Flow_NeedsReturnVisit'],
      );
      const called = await refusedDeploy(
        BAD_REVIEW.replace(
          realNameFlow,
          `${realNameFlow.slice(0, -'${realName}'.length)}\${realName and runtimeService.deleteProcessInstance(execution.processInstanceId, 'x') == null}`,
        ),
      );
      const call = called.find((problem) => problem.rule === 'hcp/runs-code');
      assert.equal(call?.elementId, 'Flow_NeedsReturnVisit');
      assert.match(call!.message, /deleteProcessInstance\(…\)/);
      assert.deepEqual(
        await runsCode(
          SLA_POLICY.replace('<inputExpression id=', '<inputExpression expressionLanguage="groovy" id='),
          'dmn',
        ),
        ['InputExpression_Stage'],
      );
      // Operaton reads its own namespace first: the same class or listener written operaton: is refused too.
      const operatonNs = BAD_REVIEW.replace(
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:operaton="http://operaton.org/schema/1.0/bpmn"',
      );
      assert.deepEqual(await runsCode(operatonNs.replace(external, 'operaton:class="java.lang.Runtime"')), [
        'Task_HotlineHandover',
      ]);
      assert.ok(
        (
          await runsCode(
            operatonNs.replace(
              verifyStage,
              `${verifyStage}</camunda:inputOutput><operaton:executionListener event="start" class="x.Y" /><camunda:inputOutput>`,
            ),
          )
        ).includes('Task_RemindVerifyComplaint'),
      );
      // The engine's services through `execution`, without a call.
      assert.deepEqual(
        await runsCode(
          BAD_REVIEW.replace(
            'camunda:candidateGroups="${responsibleGroup}"',
            'camunda:candidateGroups="${execution.processEngine.name}"',
          ),
        ),
        ['Task_VerifyComplaint'],
      );
      // What the shipped models do passes: grouping parentheses, a JSON variable read by its readers.
      const grouped = BAD_REVIEW.replace(
        realNameFlow,
        realNameFlow.replace('${realName}', "${not (realName == 'a(b)')}"),
      );
      const consultation = fs.readFileSync('processes/consultation.bpmn', 'utf8');
      assert.match(consultation, /\.elements\(\)/);
      for (const xml of [grouped, consultation]) {
        const lint = await owner.call('POST', '/api/models/lint', { kind: 'bpmn', xml });
        assert.deepEqual(
          rulesOf({ error: { details: lint.body } }).filter((rule) => rule === 'hcp/runs-code'),
          [],
        );
      }
    });

    it('given an SLA policy with a non-integer verify limit, 0 days, a reminder past the deadline, a renamed output or a stage without a rule, when deployed, then refused', async () => {
      const notInteger = SLA_POLICY.replace(
        '<outputEntry id="OutputEntry_Verify_Days"><text>1</text>',
        '<outputEntry id="OutputEntry_Verify_Days"><text>一天</text>',
      );
      assert.ok(
        (await refusedDeploy(notInteger, 'dmn')).some(
          (problem) => problem.rule === 'hcp/dmn-integer-output' && problem.elementId === 'Rule_Verify',
        ),
      );
      const zeroDays = SLA_POLICY.replace(
        '<outputEntry id="OutputEntry_Verify_Days"><text>1</text>',
        '<outputEntry id="OutputEntry_Verify_Days"><text>0</text>',
      ).replace(
        '<outputEntry id="OutputEntry_Verify_Remind"><text>60</text>',
        '<outputEntry id="OutputEntry_Verify_Remind"><text>150</text>',
      );
      assert.deepEqual(
        (await refusedDeploy(zeroDays, 'dmn'))
          .filter((problem) => problem.rule === 'hcp/sla-policy-range')
          .map((problem) => [problem.elementId, problem.message]),
        [
          ['Rule_Verify', '“工作日数”应在 1 至 250 之间，现为 0。'],
          ['Rule_Verify', '“提醒时点（时限的百分比）”应在 1 至 99 之间，现为 150。'],
        ],
      );
      const renamed = SLA_POLICY.replace('name="workingDays"', 'name="days"');
      assert.ok(
        (await refusedDeploy(renamed, 'dmn')).some(
          (problem) => problem.rule === 'hcp/sla-policy-outputs' && /workingDays/.test(problem.message),
        ),
      );
      const noVerify = SLA_POLICY.replace(/<rule id="Rule_Verify">[\s\S]*?<\/rule>/, '');
      assert.ok(
        (await refusedDeploy(noVerify, 'dmn')).some(
          (problem) => problem.rule === 'hcp/sla-stage-missing' && /verify/.test(problem.message),
        ),
      );
      // Rectify left with its complex rule only: a simple rectification would find no rule.
      const complexOnly = SLA_POLICY.replace(/<rule id="Rule_Rectify">[\s\S]*?<\/rule>/, '');
      assert.notEqual(complexOnly, SLA_POLICY);
      assert.ok(
        (await refusedDeploy(complexOnly, 'dmn')).some(
          (problem) => problem.rule === 'hcp/sla-stage-missing' && /rectify/.test(problem.message),
        ),
      );
      // The complex rule moved behind the general one: complex rectifications would get 5 days, not 15.
      const complexRule = /\s*<rule id="Rule_RectifyComplex">[\s\S]*?<\/rule>/.exec(SLA_POLICY)![0];
      const reordered = SLA_POLICY.replace(complexRule, '').replace(
        /(<rule id="Rule_Rectify">[\s\S]*?<\/rule>)/,
        `$1${complexRule}`,
      );
      assert.ok(
        (await refusedDeploy(reordered, 'dmn')).some(
          (problem) =>
            problem.rule === 'hcp/sla-rule-unreachable' && problem.elementId === 'Rule_RectifyComplex',
        ),
      );
      // The general rectify rule for simple cases only (complex = false): every case still finds a rule.
      const explicit = SLA_POLICY.replace(
        '<inputEntry id="InputEntry_Rectify_Complex"><text></text></inputEntry>',
        '<inputEntry id="InputEntry_Rectify_Complex"><text>false</text></inputEntry>',
      );
      assert.notEqual(explicit, SLA_POLICY);
      const lintExplicit = await owner.call('POST', '/api/models/lint', { kind: 'dmn', xml: explicit });
      assert.deepEqual(
        rulesOf({ error: { details: lintExplicit.body } }).filter((rule) => rule.startsWith('hcp/')),
        [],
      );
      const unique = SLA_POLICY.replace('hitPolicy="FIRST"', 'hitPolicy="UNIQUE"');
      assert.ok(
        (await refusedDeploy(unique, 'dmn')).some((problem) => problem.rule === 'hcp/sla-policy-shape'),
      );
    });
  });
});
