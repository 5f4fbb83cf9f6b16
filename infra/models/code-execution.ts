// What a model may not carry: anything that makes the engine run code a process owner wrote. The engine runs
// inside the city's network with its database credentials; a model it deploys is code to it. In this system
// every automated step is an external task done by our workers, so a model needs none of the engine's own
// ways to run code, and the modeler refuses them (lint rule hcp/runs-code):
// - script tasks, scripts anywhere (listeners, input/output parameters), script conditions (a `language`);
// - Java classes and delegate expressions (camunda:class, camunda:delegateExpression, a call activity's
//   variable mapping class or delegate, a form handler class), listeners of any kind, connectors, scripts loaded
//   from a resource, and any extension namespace but camunda's (Operaton reads `operaton:` first);
// - in expressions (${…} and #{…}), calls of any method but the JSON variables' own readers (Spin's
//   elements(), stringValue(), prop(…) …), and of the engine's own objects (`execution`, `task`) anything but
//   `execution.<key>` (processBusinessKey …): through them JUEL reaches the engine's services. The engine
//   resolves no Spring bean in expressions (engine/…/NoBeansInExpressions.java), so only process variables
//   remain to be named;
// - in DMN, an expression language other than FEEL.
import { descriptorProperties } from './elements.ts';
import type { ModdleElement, ParsedModel } from './parse.ts';

export interface CodeExecutionProblem {
  rule: 'hcp/runs-code';
  category: 'error';
  elementId: string | undefined;
  message: string;
}

/** Methods of Spin's JSON values that only read (what the shipped models call on their JSON variables). */
const READING_METHODS = new Set([
  'elements',
  'stringValue',
  'numberValue',
  'boolValue',
  'prop',
  'hasProp',
  'isNull',
  'isString',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isValue',
]);

/** EL operators written as words: a parenthesis after one of them groups, it calls nothing. */
const WORD_OPERATORS = new Set([
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
  'div',
  'mod',
  'empty',
  'instanceof',
]);

/** Element types that run code or call out whatever their attributes say. */
const CODE_TYPES: Record<string, string> = {
  'bpmn:ScriptTask': '脚本任务',
  'camunda:Script': '脚本',
  'camunda:ExecutionListener': '执行监听器',
  'camunda:TaskListener': '任务监听器',
  'camunda:Connector': '连接器',
};

/** Attributes that name code for the engine to load and run. */
const CODE_ATTRIBUTES: Record<string, string> = {
  'camunda:class': 'Java 类（camunda:class）',
  'camunda:formHandlerClass': '表单处理类（camunda:formHandlerClass）',
  'camunda:delegateExpression': '委托表达式（camunda:delegateExpression）',
  'camunda:variableMappingClass': '变量映射类（camunda:variableMappingClass）',
  'camunda:variableMappingDelegateExpression': '变量映射委托（camunda:variableMappingDelegateExpression）',
  'camunda:resource': '外部资源（camunda:resource）',
};

/** FEEL as DMN names it (compared in lower case: `FEEL` is FEEL). */
const FEEL_LANGUAGES = new Set([
  'feel',
  'http://www.omg.org/spec/feel/20140401',
  'https://www.omg.org/spec/dmn/20191111/feel/',
  'https://www.omg.org/spec/dmn/20191111/feel',
]);

const IDENTIFIER_CHAR = /[\w$:]/;

/**
 * The namespaces a model may use: BPMN or DMN and their diagrams, XML Schema instance, the camunda extensions
 * this linter reads, and bpmn-js' colours. Operaton also reads its own `operaton:` namespace first — another
 * way to every attribute above, which the linter would not see — so any other prefix is refused.
 */
const KNOWN_PREFIXES = new Set([
  'bpmn',
  'bpmndi',
  'dmn',
  'dmndi',
  'dc',
  'di',
  'biodi',
  'xsi',
  'camunda',
  'bioc',
  'color',
]);

/** The object `execution` may be read for in an expression, and only so: its keys, never its services. */
const EXECUTION_PROPERTIES = new Set([
  'processBusinessKey',
  'businessKey',
  'processInstanceId',
  'id',
  'activityId',
  'currentActivityId',
  'processDefinitionId',
]);

/** Engine objects an expression may name at its root (`task`'s services are as near as `execution`'s). */
const ENGINE_ROOTS = new Set(['execution', 'task', 'externalTask', 'variableScope']);

/**
 * The code of each ${…} or #{…} in a text, string literals blanked out (a parenthesis in a literal calls
 * nothing); none when the text holds no expression.
 */
export function expressionCode(text: string): string[] {
  const found: string[] = [];
  let index = 0;
  while (index < text.length) {
    const start = text.slice(index).search(/[$#]\{/);
    if (start < 0) break;
    let position = index + start + 2;
    let code = '';
    let quote: string | undefined;
    for (; position < text.length; position += 1) {
      const character = text[position]!;
      if (quote) {
        if (character === '\\') position += 1;
        else if (character === quote) quote = undefined;
        continue;
      }
      if (character === "'" || character === '"') {
        quote = character;
        code += ' ';
      } else if (character === '}') break;
      else code += character;
    }
    found.push(code);
    index = position + 1;
  }
  return found;
}

/**
 * The calls an expression's code makes that the rule refuses: a method other than READING_METHODS, a function
 * (`fn:name(…)`, `name(…)`), or the call of something computed (`a['b'](…)`). Parentheses that group pass.
 */
export function refusedCalls(code: string): string[] {
  const refused: string[] = [];
  for (let index = 0; index < code.length; index += 1) {
    if (code[index] !== '(') continue;
    let end = index - 1;
    while (end >= 0 && /\s/.test(code[end]!)) end -= 1;
    if (end < 0) continue;
    if (code[end] === ']' || code[end] === ')') {
      refused.push('[…](…)');
      continue;
    }
    let begin = end;
    while (begin >= 0 && IDENTIFIER_CHAR.test(code[begin]!)) begin -= 1;
    // A colon with nothing before it is the ternary's (`a ? b : (c)`), not a function's prefix.
    const name = code.slice(begin + 1, end + 1).replace(/^:+/, '');
    if (name === '' || WORD_OPERATORS.has(name)) continue;
    const isMethod = /\.\s*$/.test(code.slice(0, begin + 1));
    if (isMethod && READING_METHODS.has(name)) continue;
    refused.push(`${name}(…)`);
  }
  return refused;
}

/**
 * What an expression reads of the engine's own objects beyond `execution.<key>`: `execution.processEngine…`,
 * `task.processEngineServices…` and the like reach the engine's services and, through them, everything.
 */
export function refusedEngineReads(code: string): string[] {
  const refused: string[] = [];
  const root = /(^|[^\w$.\s]|\s)\s*([A-Za-z_$][\w$]*)((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[[^\]]*\])*)/g;
  for (const match of code.matchAll(root)) {
    const name = match[2]!;
    if (!ENGINE_ROOTS.has(name)) continue;
    const path = match[3]!.replace(/\s+/g, '');
    const property = /^\.([A-Za-z_$][\w$]*)$/.exec(path)?.[1];
    if (name === 'execution' && property && EXECUTION_PROPERTIES.has(property)) continue;
    refused.push(`${name}${path}`);
  }
  return refused;
}

/** A name's prefix (`camunda` of `camunda:class`), or undefined for an unprefixed one. */
const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined);

const SKIPPED_PROPERTIES = new Set(['diagrams', 'dmnDI', 'incoming', 'outgoing']);

/** Every element and every string value of a model, the element each belongs to beside it. */
function visitAll(
  root: ModdleElement,
  visit: (element: ModdleElement, owner: ModdleElement | undefined) => void,
  text: (value: string, owner: ModdleElement | undefined) => void,
): void {
  const seen = new Set<ModdleElement>();
  const walk = (element: ModdleElement, owner: ModdleElement | undefined) => {
    if (seen.has(element)) return;
    seen.add(element);
    const elementOwner = element.id ? element : owner;
    visit(element, owner);
    for (const value of Object.values(element.$attrs ?? {})) {
      if (typeof value === 'string') text(value, elementOwner);
    }
    for (const property of descriptorProperties(element)) {
      if (property.isReference || SKIPPED_PROPERTIES.has(property.name)) continue;
      const value = element.get(property.name) as unknown;
      const values = Array.isArray(value) ? (value as unknown[]) : [value];
      for (const item of values) {
        if (typeof item === 'string') text(item, elementOwner);
        else if (item && typeof item === 'object' && '$type' in item)
          walk(item as ModdleElement, elementOwner);
      }
    }
  };
  walk(root, undefined);
}

/** The model's problems of rule hcp/runs-code, each naming the element (or its nearest element with an id). */
export function codeExecutionProblems(model: ParsedModel): CodeExecutionProblem[] {
  const problems: CodeExecutionProblem[] = [];
  const refuse = (owner: ModdleElement | undefined, what: string) =>
    problems.push({
      rule: 'hcp/runs-code',
      category: 'error',
      elementId: owner?.id,
      message: `模型不得让引擎执行代码：${what}。本系统的自动步骤一律是外部任务，由系统的处理程序（workers/）执行。`,
    });
  visitAll(
    model.root,
    (element, owner) => {
      const at = element.id ? element : owner;
      const typePrefix = prefixOf(element.$type);
      if (typePrefix && !KNOWN_PREFIXES.has(typePrefix)) refuse(at, `含有不支持的扩展元素“${element.$type}”`);
      for (const name of Object.keys(element.$attrs ?? {})) {
        const prefix = prefixOf(name);
        if (name === 'xmlns' || prefix === 'xmlns' || !prefix || KNOWN_PREFIXES.has(prefix)) continue;
        refuse(at, `含有不支持的扩展属性“${name}”`);
      }
      const kind = CODE_TYPES[element.$type];
      if (kind) refuse(element.id ? element : owner, `含有${kind}`);
      for (const [attribute, kindOfCode] of Object.entries(CODE_ATTRIBUTES)) {
        if (element.get(attribute) !== undefined) refuse(element.id ? element : owner, `使用了${kindOfCode}`);
      }
      const language = element.get('language') as unknown;
      if (model.kind === 'bpmn' && typeof language === 'string' && language.trim()) {
        refuse(owner, `条件或表达式使用了脚本语言“${language}”`);
      }
      const expressionLanguage = element.get('expressionLanguage') as unknown;
      if (
        model.kind === 'dmn' &&
        typeof expressionLanguage === 'string' &&
        !FEEL_LANGUAGES.has(expressionLanguage.trim().toLowerCase())
      ) {
        refuse(element.id ? element : owner, `决策表达式只能用 FEEL，不能用“${expressionLanguage}”`);
      }
    },
    (value, owner) => {
      for (const code of expressionCode(value)) {
        for (const read of refusedEngineReads(code)) {
          refuse(
            owner,
            `表达式“${value.trim()}”读取了引擎对象 ${read}（只允许 execution.processBusinessKey 等标识）`,
          );
        }
        for (const call of refusedCalls(code)) {
          refuse(
            owner,
            `表达式“${value.trim()}”调用了 ${call}（表达式中只能读取流程变量，JSON 变量可用 elements()、stringValue()、prop() 等读取方法）`,
          );
        }
      }
    },
  );
  return problems;
}
