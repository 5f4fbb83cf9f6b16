// Reading a BPMN or DMN model the modeler was given: well-formed XML first (saxen), then the meta-model
// (bpmn-moddle with the camunda extension, or dmn-moddle). Either failure is a 400 with a stable id;
// a model that parses yields its key (process or decision id), its elements and the import warnings.
import { Parser } from 'saxen';
import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { DomainError } from '../../domain/errors.ts';

export type ModelKind = 'bpmn' | 'dmn';

export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  get(name: string): unknown;
  [property: string]: unknown;
}

export interface ParsedModel {
  kind: ModelKind;
  /** The (first) process id of a BPMN model, the (first) decision id of a DMN model. */
  key: string;
  name: string | undefined;
  root: ModdleElement;
  warnings: string[];
  /** Serialises one element (and what it contains) the way the model's own moddle writes it. */
  toXml(element: ModdleElement): Promise<string>;
}

function checkWellFormed(xml: string): void {
  let problem: { message: string; line: number; column: number } | undefined;
  const parser = new Parser();
  parser.on('error', (error, getContext) => {
    if (problem) return;
    const { line, column } = getContext();
    problem = { message: error.message, line: line + 1, column: column + 1 };
  });
  parser.parse(xml);
  if (!xml.trim() || problem) {
    throw new DomainError(
      'model.malformed_xml',
      problem ?? { message: 'empty document', line: 1, column: 1 },
    );
  }
}

function firstOf(root: ModdleElement, collection: string, type: string): ModdleElement | undefined {
  const elements = (root.get(collection) as ModdleElement[] | undefined) ?? [];
  return elements.find((element) => element.$type === type);
}

export async function parseModel(kind: ModelKind, xml: string): Promise<ParsedModel> {
  checkWellFormed(xml);
  const moddle = kind === 'bpmn' ? new BpmnModdle({ camunda: camundaDescriptor }) : new DmnModdle();
  let parsed: { rootElement: unknown; warnings: { message: string }[] };
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error: unknown) {
    throw new DomainError('model.unparseable', {
      kind,
      reason: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  }
  const root = parsed.rootElement as ModdleElement;
  const main =
    kind === 'bpmn'
      ? firstOf(root, 'rootElements', 'bpmn:Process')
      : firstOf(root, 'drgElement', 'dmn:Decision');
  if (!main?.id) {
    throw new DomainError('model.unparseable', {
      kind,
      reason: kind === 'bpmn' ? 'the model has no process' : 'the model has no decision',
    });
  }
  const writer = kind === 'bpmn' ? new BpmnModdle({ camunda: camundaDescriptor }) : new DmnModdle();
  return {
    kind,
    key: main.id,
    name: main.name,
    root,
    warnings: parsed.warnings.map((warning) => warning.message),
    toXml: async (element) => (await (writer as unknown as DmnModdle).toXML(element, { format: false })).xml,
  };
}

/** The kind a resource name or an engine definition stands for. */
export function kindOfResource(name: string): ModelKind | undefined {
  if (name.endsWith('.bpmn') || name.endsWith('.bpmn20.xml')) return 'bpmn';
  if (name.endsWith('.dmn') || name.endsWith('.dmn11.xml')) return 'dmn';
  return undefined;
}
