// Checking a model before it is saved or deployed. Three kinds of problem, one list, drawn on the
// diagram by the modeler (each names its element):
// - bpmnlint with the project's .bpmnlintrc (recommended + Camunda 7 compatibility), as `npm run
//   check:models` runs it on processes/;
// - what the engine or this system would trip over: import warnings, a process or decision without a
//   history time-to-live (the engine refuses it), an external-task topic no worker serves (the case
//   would wait forever), a candidate group that is the id of no department (nobody would see the task);
// - for DMN: integer outputs that are not integers, and for the SLA policy a stage without a rule.
// Only problems of category `error` block a deploy.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SLA_STAGES } from '../../domain/case/sla-policy.ts';
import { SLA_POLICY_DECISION_KEY, SLA_POLICY_OUTPUTS } from '../sla/policy.ts';
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

function bpmnProblems(model: ParsedModel, context: LintContext): Omit<ModelProblem, 'elementName'>[] {
  const problems: Omit<ModelProblem, 'elementName'>[] = [];
  walk(model.root, (element) => {
    if (
      element.$type === 'bpmn:Process' &&
      element.get('isExecutable') &&
      !element.get('camunda:historyTimeToLive')
    ) {
      problems.push({
        rule: 'hcp/history-time-to-live',
        category: 'error',
        elementId: element.id,
        message: '流程缺少历史保留期限（camunda:historyTimeToLive，如 P365D），引擎会拒绝部署。',
      });
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
    if (!decision.$attrs?.['camunda:historyTimeToLive']) {
      problems.push({
        rule: 'hcp/history-time-to-live',
        category: 'error',
        elementId: decision.id,
        message: '决策缺少历史保留期限（camunda:historyTimeToLive，如 P365D），引擎会拒绝部署。',
      });
    }
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
      const covered = new Set(
        rules.map((rule) =>
          String((rule.get('inputEntry') as ModdleElement[])[0]?.get('text') ?? '')
            .replace(/"/g, '')
            .trim(),
        ),
      );
      for (const stage of SLA_STAGES) {
        if (covered.has(stage)) continue;
        problems.push({
          rule: 'hcp/sla-stage-missing',
          category: 'error',
          elementId: table.id,
          message: `时限策略缺少环节“${stage}”的规则：该环节计时会失败。`,
        });
      }
    }
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
  const names = new Map(elements.map((element) => [element.id, element.name]));
  return problems.map((problem) => ({
    ...problem,
    elementName: problem.elementId ? names.get(problem.elementId) : undefined,
  }));
}

export const hasErrors = (problems: ModelProblem[]) =>
  problems.some((problem) => problem.category === 'error');
