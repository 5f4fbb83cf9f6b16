// Checking a model before it is saved or deployed. Three kinds of problem, one list, drawn on the
// diagram by the modeler (each names its element):
// - bpmnlint with the project's .bpmnlintrc (recommended + Camunda 7 compatibility), as `npm run
//   check:models` runs it on processes/;
// - what the engine or this system would trip over: import warnings, a process or decision without a
//   history time-to-live (the engine refuses it), an external-task topic no worker serves (the case
//   would wait forever), a candidate group that is the id of no department (nobody would see the task),
//   anything that makes the engine run code (./code-execution.ts);
// - for DMN: integer outputs that are not integers, and for the SLA policy a stage without a rule.
// Only problems of category `error` block a deploy.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SLA_STAGES } from '../../domain/case/sla-policy.ts';
import { SLA_POLICY_DECISION_KEY, SLA_POLICY_OUTPUTS } from '../sla/policy.ts';
import { STAGE_TIMERS, type CodeReferences } from './code-references.ts';
import { codeExecutionProblems } from './code-execution.ts';
import type { ModdleElement, ParsedModel } from './parse.ts';
import type { ModelElement } from './elements.ts';

export interface ModelProblem {
  rule: string;
  category: 'error' | 'warn' | 'info';
  elementId: string | undefined;
  elementName: string | undefined;
  message: string;
}

export interface LintContext {
  /** The external-task topics some worker serves (workers/registry.ts). */
  servedTopics: ReadonlySet<string>;
  /** The user tasks the task list has a form for (server/api/tasks/forms): any other cannot be completed. */
  formTaskIds: ReadonlySet<string>;
  /** Ids of the departments (candidate groups are department ids). */
  departmentIds: ReadonlySet<string>;
  /** The elements and messages code relies on that the shipped version of this model holds (./code-references.ts). */
  required?: CodeReferences;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const projectRequire = createRequire(path.join(ROOT, 'package.json'));

// What each bpmnlint rule means, for process owners; the rule's own English text follows in brackets.
const RULE_TEXT: Record<string, string> = {
  'label-required': '元素缺少名称',
  'no-disconnected': '元素未与流程连接',
  'end-event-required': '流程缺少结束事件',
  'start-event-required': '流程缺少开始事件',
  'no-implicit-split': '隐式分支：多条出口请使用网关',
  'no-implicit-end': '隐式结束：请以结束事件结束',
  'no-implicit-start': '隐式开始：请从开始事件开始',
  'conditional-flows': '条件流缺少条件表达式',
  'no-bpmndi': '元素没有图形（缺少 BPMN DI）',
  'no-duplicate-sequence-flows': '重复的顺序流',
  'no-gateway-join-fork': '同一网关既合并又分支',
  'single-blank-start-event': '只能有一个空白开始事件',
  'single-event-definition': '事件只能有一个事件定义',
  'fake-join': '任务有多条入口顺序流（伪合并），请使用网关',
  'superfluous-gateway': '多余的网关',
  'no-overlapping-elements': '元素重叠',
  'superfluous-label': '多余的标签',
  'superfluous-termination': '多余的终止结束事件',
  'event-based-gateway': '事件网关的出口不正确',
  'no-complex-gateway': '不支持复杂网关',
  'no-inclusive-gateway': '包容网关，请确认是否必要',
  'sub-process-blank-start-event': '子流程须以空白开始事件开始',
  'event-sub-process-typed-start-event': '事件子流程须以带类型的开始事件开始',
  'link-event': '链接事件不成对',
  global: '全局元素（消息、错误等）定义不正确',
  'ad-hoc-sub-process': '临时子流程定义不正确',
  'camunda-compat/history-time-to-live': '流程缺少历史保留期限',
};

interface BpmnlintReport {
  id?: string;
  message: string;
  category: string;
}

type BpmnLinter = { lint(root: unknown): Promise<Record<string, BpmnlintReport[]>> };
let lintConfig: unknown;

// A new Linter per model: bpmnlint caches rule instances, and some rules (no-duplicate-sequence-flows)
// keep what they saw in them, so a shared linter would report one model's flows against the next.
function bpmnlinter(): BpmnLinter {
  const { Linter } = projectRequire('bpmnlint') as { Linter: new (options: unknown) => BpmnLinter };
  const NodeResolver = projectRequire('bpmnlint/lib/resolver/node-resolver') as new (
    options: unknown,
  ) => unknown;
  lintConfig ??= JSON.parse(fs.readFileSync(path.join(ROOT, '.bpmnlintrc'), 'utf8')) as unknown;
  return new Linter({ config: lintConfig, resolver: new NodeResolver({ require: projectRequire }) });
}

function category(value: string): ModelProblem['category'] {
  return value === 'error' || value === 'rule-error' ? 'error' : value === 'warn' ? 'warn' : 'info';
}

/** The value of an element's camunda:inputParameter of that name (its extension elements), if any. */
function inputParameter(element: ModdleElement, name: string): unknown {
  const extensions = element.get('extensionElements') as ModdleElement | undefined;
  for (const value of (extensions?.get('values') as ModdleElement[] | undefined) ?? []) {
    if (value.$type !== 'camunda:InputOutput') continue;
    const parameters = (value.get('inputParameters') as ModdleElement[] | undefined) ?? [];
    const found = parameters.find((parameter) => parameter.get('name') === name);
    if (found) return found.get('value');
  }
  return undefined;
}

function walk(element: ModdleElement, visit: (element: ModdleElement) => void): void {
  visit(element);
  for (const property of ['rootElements', 'flowElements', 'drgElement']) {
    const children = element.get(property) as ModdleElement[] | undefined;
    if (Array.isArray(children)) for (const child of children) walk(child, visit);
  }
}

const isExpression = (value: string) => /[$#]\{/.test(value);

/**
 * History kept at least a year (engine/README.md): performance evaluation runs yearly (art. 26–28) and who
 * did what to a case must stay explainable. Days as P<n>D or a bare number of days, as the engine reads them.
 */
const MIN_HISTORY_DAYS = 365;

function historyTimeToLiveProblem(
  value: unknown,
  what: '流程' | '决策',
): { rule: string; category: 'error'; message: string } | undefined {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  if (text === '') {
    return {
      rule: 'hcp/history-time-to-live',
      category: 'error',
      message: `${what}缺少历史保留期限（camunda:historyTimeToLive，如 P365D），引擎会拒绝部署。`,
    };
  }
  const days = /^(?:P(\d+)D|(\d+))$/.exec(text);
  const count = days ? Number(days[1] ?? days[2]) : NaN;
  if (!(count >= MIN_HISTORY_DAYS)) {
    return {
      rule: 'hcp/history-time-to-live',
      category: 'error',
      message: `${what}的历史保留期限须至少 ${MIN_HISTORY_DAYS} 天（如 P365D），现为“${text}”：绩效考核按年度进行，办理记录须可追溯。`,
    };
  }
  return undefined;
}

/** A timer's timeDate expression, or undefined when it waits otherwise (a duration, a cycle) or not at all. */
function timeDateOf(element: ModdleElement): string | undefined {
  const [definition] = (element.get('eventDefinitions') as ModdleElement[] | undefined) ?? [];
  if (definition?.$type !== 'bpmn:TimerEventDefinition') return undefined;
  const timeDate = definition.get('timeDate') as ModdleElement | undefined;
  const body = timeDate?.get('body');
  return typeof body === 'string' ? body.trim() : undefined;
}

/** What code relies on (./code-references.ts): kept by id and name, its stage timers waiting on the due date. */
function codeReferenceProblems(
  model: ParsedModel,
  context: LintContext,
): Omit<ModelProblem, 'elementName'>[] {
  const problems: Omit<ModelProblem, 'elementName'>[] = [];
  const ids = new Set<string>();
  const messages = new Set<string>();
  walk(model.root, (element) => {
    if (element.id) ids.add(element.id);
    // A message counts where an event waits for it, not where it is only defined.
    for (const definition of (element.get('eventDefinitions') as ModdleElement[] | undefined) ?? []) {
      const message =
        definition.$type === 'bpmn:MessageEventDefinition' ? definition.get('messageRef') : undefined;
      const name = (message as ModdleElement | undefined)?.get('name');
      if (typeof name === 'string') messages.add(name);
    }
    const due = element.id ? STAGE_TIMERS.get(element.id) : undefined;
    if (due !== undefined && timeDateOf(element) !== due.expression) {
      problems.push({
        rule: 'hcp/stage-timer-due',
        category: 'error',
        elementId: element.id,
        message: `计时器“${element.id}”须在系统算出的日期触发：定时类型为“日期”（timeDate），值为 ${due.expression}（${due.why}）。`,
      });
    }
  });
  for (const id of context.required?.elementIds ?? []) {
    if (ids.has(id)) continue;
    problems.push({
      rule: 'hcp/code-element-missing',
      category: 'error',
      elementId: undefined,
      message: `元素“${id}”被系统程序按编号引用（移动期限、计时、确认刷评等），不可删除或改名：请恢复该元素编号。`,
    });
  }
  for (const name of context.required?.messageNames ?? []) {
    if (messages.has(name)) continue;
    problems.push({
      rule: 'hcp/code-message-missing',
      category: 'error',
      elementId: undefined,
      message: `消息“${name}”由系统按名称发送（如 12345 回访结果），模型中须有等待该消息的事件，否则进行中的案件收不到。`,
    });
  }
  return problems;
}

function bpmnProblems(model: ParsedModel, context: LintContext): Omit<ModelProblem, 'elementName'>[] {
  const problems: Omit<ModelProblem, 'elementName'>[] = [...codeReferenceProblems(model, context)];
  walk(model.root, (element) => {
    if (element.$type === 'bpmn:Process' && element.get('isExecutable')) {
      const problem = historyTimeToLiveProblem(element.get('camunda:historyTimeToLive'), '流程');
      if (problem) problems.push({ ...problem, elementId: element.id });
    }
    if (element.$type === 'bpmn:Process' && element.get('isExecutable') !== true) {
      problems.push({
        rule: 'hcp/not-executable',
        category: 'error',
        elementId: element.id,
        message: '流程未设为可执行（属性面板“可执行”），引擎不会为它建立流程定义，部署无效。',
      });
    }
    if (element.$type === 'bpmn:UserTask' && !context.formTaskIds.has(element.id ?? '')) {
      problems.push({
        rule: 'hcp/user-task-without-form',
        category: 'error',
        elementId: element.id,
        message: `用户任务“${element.id}”在任务列表中没有表单，没有人能办理它，案件会停在此处。有表单的任务：${[...context.formTaskIds].sort().join('、')}。`,
      });
    }
    const stage = inputParameter(element, 'stage');
    if (
      typeof stage === 'string' &&
      !isExpression(stage) &&
      !(SLA_STAGES as readonly string[]).includes(stage)
    ) {
      problems.push({
        rule: 'hcp/unknown-sla-stage',
        category: 'error',
        elementId: element.id,
        message: `计时环节“${stage}”不存在，该步骤会失败。可用环节：${SLA_STAGES.join('、')}。`,
      });
    }
    const topic = element.get('camunda:topic');
    if (typeof topic === 'string' && topic && !isExpression(topic) && !context.servedTopics.has(topic)) {
      problems.push({
        rule: 'hcp/unserved-topic',
        category: 'error',
        elementId: element.id,
        message: `外部任务主题“${topic}”没有处理程序（workers/ 中没有该主题），案件会停在此处。可用主题：${[...context.servedTopics].sort().join('、')}。`,
      });
    }
    if (element.get('camunda:type') === 'external' && !topic) {
      problems.push({
        rule: 'hcp/unserved-topic',
        category: 'error',
        elementId: element.id,
        message: '外部任务未填写主题（camunda:topic）。',
      });
    }
    const groups = element.get('camunda:candidateGroups');
    if (typeof groups === 'string' && !isExpression(groups)) {
      for (const group of groups
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean)) {
        if (context.departmentIds.has(group)) continue;
        problems.push({
          rule: 'hcp/unknown-candidate-group',
          category: 'error',
          elementId: element.id,
          message: `候选组“${group}”不是任何部门的编号：请填写部门编号，或表达式（如 \${responsibleGroup}）。`,
        });
      }
    }
  });
  return problems;
}

function dmnProblems(model: ParsedModel): Omit<ModelProblem, 'elementName'>[] {
  const problems: Omit<ModelProblem, 'elementName'>[] = [];
  const decisions = ((model.root.get('drgElement') as ModdleElement[]) ?? []).filter(
    (element) => element.$type === 'dmn:Decision',
  );
  for (const decision of decisions) {
    const problem = historyTimeToLiveProblem(decision.$attrs?.['camunda:historyTimeToLive'], '决策');
    if (problem) problems.push({ ...problem, elementId: decision.id });
    const table = decision.get('decisionLogic') as ModdleElement | undefined;
    if (table?.$type !== 'dmn:DecisionTable') continue;
    const outputs = (table.get('output') as ModdleElement[]) ?? [];
    const rules = (table.get('rule') as ModdleElement[]) ?? [];
    for (const rule of rules) {
      const entries = (rule.get('outputEntry') as ModdleElement[]) ?? [];
      entries.forEach((entry, index) => {
        const output = outputs[index];
        const text = String(entry.get('text') ?? '').trim();
        if (output?.get('typeRef') === 'integer' && !/^\d+$/.test(text)) {
          problems.push({
            rule: 'hcp/dmn-integer-output',
            category: 'error',
            elementId: rule.id,
            message: `“${String(output.get('label') ?? output.get('name'))}”应为非负整数，现为“${text}”。`,
          });
        }
      });
    }
    if (decision.id === SLA_POLICY_DECISION_KEY) {
      problems.push(...slaPolicyValueProblems(table, outputs, rules));
      problems.push(...slaPolicyShapeProblems(table, rules));
    }
  }
  return problems;
}

/** A decision table's input cell as text ("" or "-" matches anything). */
const cellText = (rule: ModdleElement, index: number) =>
  String((rule.get('inputEntry') as ModdleElement[])[index]?.get('text') ?? '').trim();

/**
 * The SLA policy is read per stage and complexity (infra/sla/policy.ts): its inputs are `stage` then `complex`,
 * the first rule that matches decides (hit policy FIRST), and every stage has rules for complex and simple
 * cases (a complex cell true and false, or one empty or "-" for both). Otherwise some stage would find
 * no rule, or two, and its clock would fail when a case reaches it; a rule behind one that takes all its cases
 * would never decide (a complex rule after the general one: complex cases would get the general time).
 */
function slaPolicyShapeProblems(
  table: ModdleElement,
  rules: ModdleElement[],
): Omit<ModelProblem, 'elementName'>[] {
  const problems: Omit<ModelProblem, 'elementName'>[] = [];
  const problem = (message: string) =>
    problems.push({ rule: 'hcp/sla-policy-shape', category: 'error', elementId: table.id, message });
  if ((table.get('hitPolicy') ?? 'UNIQUE') !== 'FIRST') {
    problem('时限策略的命中策略须为“首个命中”（FIRST）：同一环节可有“复杂”与一般两条规则，取先匹配者。');
  }
  const inputs = ((table.get('input') as ModdleElement[]) ?? []).map((input) =>
    String((input.get('inputExpression') as ModdleElement | undefined)?.get('text') ?? '').trim(),
  );
  if (inputs[0] !== 'stage' || inputs[1] !== 'complex') {
    problem(
      `时限策略的输入列须依次为 stage（环节）与 complex（复杂或多部门），现为 ${inputs.join('、') || '无'}。`,
    );
  }
  // Which complexities each stage's rules take, in order: a rule after one for any complexity of its stage
  // is never reached (FIRST), and a stage must be reached whether the case is complex or not.
  const taken = new Map<string, Set<'true' | 'false'>>();
  for (const rule of rules) {
    const complex = cellText(rule, 1);
    const complexities: ('true' | 'false')[] =
      complex === '' || complex === '-'
        ? ['true', 'false']
        : complex === 'true' || complex === 'false'
          ? [complex]
          : [];
    for (const match of cellText(rule, 0).matchAll(/"([^"]*)"/g)) {
      const stage = match[1]!;
      const before = taken.get(stage) ?? new Set();
      if (complexities.length > 0 && complexities.every((value) => before.has(value))) {
        problems.push({
          rule: 'hcp/sla-rule-unreachable',
          category: 'error',
          elementId: rule.id,
          message: `环节“${stage}”的这条规则永远不会命中：排在它前面的规则已涵盖同样的情况（首个命中）。复杂情况的规则须排在一般规则之前。`,
        });
      }
      for (const value of complexities) before.add(value);
      taken.set(stage, before);
    }
  }
  for (const stage of SLA_STAGES) {
    const covered = taken.get(stage);
    if (covered?.has('true') && covered.has('false')) continue;
    problems.push({
      rule: 'hcp/sla-stage-missing',
      category: 'error',
      elementId: table.id,
      message: `时限策略缺少环节“${stage}”${covered?.size ? '另一种情况（复杂或一般）' : ''}的规则：该环节计时会失败。`,
    });
  }
  return problems;
}

/**
 * The SLA policy's outputs as the server reads them (infra/sla/policy.ts): `workingDays`, whole working days
 * from 1 to SLA_MAX_WORKING_DAYS (0 makes a stage due the evening it starts), and `remindAtPercent`, the
 * reminder's share of the time from 1 to 99 (100 or more reminds when it is already overdue).
 */
function slaPolicyValueProblems(
  table: ModdleElement,
  outputs: ModdleElement[],
  rules: ModdleElement[],
): Omit<ModelProblem, 'elementName'>[] {
  const problems: Omit<ModelProblem, 'elementName'>[] = [];
  for (const { name, label, min, max } of SLA_POLICY_OUTPUTS) {
    const index = outputs.findIndex((output) => output.get('name') === name);
    if (index < 0 || outputs[index]!.get('typeRef') !== 'integer') {
      problems.push({
        rule: 'hcp/sla-policy-outputs',
        category: 'error',
        elementId: table.id,
        message: `时限策略须有名为“${name}”的整数输出列（${label}）：服务端按此列名读取。`,
      });
      continue;
    }
    for (const rule of rules) {
      const text = String((rule.get('outputEntry') as ModdleElement[])[index]?.get('text') ?? '').trim();
      const value = Number(text);
      if (/^\d+$/.test(text) && (value < min || value > max)) {
        problems.push({
          rule: 'hcp/sla-policy-range',
          category: 'error',
          elementId: rule.id,
          message: `“${label}”应在 ${min} 至 ${max} 之间，现为 ${text}。`,
        });
      }
    }
  }
  return problems;
}

export async function lintModel(
  model: ParsedModel,
  elements: ModelElement[],
  context: LintContext,
): Promise<ModelProblem[]> {
  const problems: Omit<ModelProblem, 'elementName'>[] = model.warnings.map((warning) => ({
    rule: 'hcp/import-warning',
    category: 'error',
    elementId: undefined,
    message: `模型导入时有警告（bpmn-js 同样会报告）：${warning}`,
  }));
  if (model.kind === 'bpmn') {
    const results = await bpmnlinter().lint(model.root);
    for (const [rule, reports] of Object.entries(results)) {
      for (const report of reports) {
        problems.push({
          rule,
          category: category(report.category),
          elementId: report.id,
          message: `${RULE_TEXT[rule] ?? '模型检查未通过'}（${rule}：${report.message}）`,
        });
      }
    }
    problems.push(...bpmnProblems(model, context));
  } else {
    problems.push(...dmnProblems(model));
  }
  problems.push(...codeExecutionProblems(model));
  const names = new Map(elements.map((element) => [element.id, element.name]));
  return problems.map((problem) => ({
    ...problem,
    elementName: problem.elementId ? names.get(problem.elementId) : undefined,
  }));
}

export const hasErrors = (problems: ModelProblem[]) =>
  problems.some((problem) => problem.category === 'error');
