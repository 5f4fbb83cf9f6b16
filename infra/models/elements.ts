// The elements of a model as the modeler compares and reports them: id, type, name and a fingerprint
// of the element's own content (attributes, camunda extensions, conditions, timers, DMN entries). A
// container (process, sub-process, decision, decision table) is fingerprinted without its children, who
// are elements of their own, so a changed task does not mark its process as changed. Layout (DI) is
// left out: moving a shape changes nothing a case would see.
import type { ModdleElement, ParsedModel } from './parse.ts';

export interface ModelElement {
  id: string;
  type: string;
  name: string | undefined;
  fingerprint: string;
}

interface PropertyDescriptor {
  name: string;
  isMany?: boolean;
  isReference?: boolean;
  isAttr?: boolean;
  type: string;
}

// Children walked as elements of their own, never part of their parent's fingerprint.
const CHILD_COLLECTIONS = new Set([
  'rootElements',
  'flowElements',
  'artifacts',
  'drgElement',
  'decisionLogic',
  'input',
  'output',
  'rule',
]);
// Derived from other elements or layout only.
const IGNORED = new Set(['incoming', 'outgoing', 'diagrams', 'dmnDI', 'lanes', 'laneSets']);
const PRIMITIVES = new Set(['String', 'Boolean', 'Integer', 'Real', 'Element']);

/** The properties moddle's descriptor gives an element (its own attributes and children, by name and type). */
export function descriptorProperties(element: ModdleElement): PropertyDescriptor[] {
  const descriptor = (element as { $descriptor?: { properties?: PropertyDescriptor[] } }).$descriptor;
  return descriptor?.properties ?? [];
}

function referenceId(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referenceId);
  return (value as { id?: string } | undefined)?.id ?? value;
}

async function fingerprint(model: ParsedModel, element: ModdleElement): Promise<string> {
  const parts: Record<string, unknown> = { $type: element.$type, $attrs: element.$attrs ?? {} };
  for (const property of descriptorProperties(element)) {
    if (CHILD_COLLECTIONS.has(property.name) || IGNORED.has(property.name)) continue;
    const value = element.get(property.name);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (property.isReference) parts[property.name] = referenceId(value);
    else if (PRIMITIVES.has(property.type) || typeof value !== 'object') parts[property.name] = value;
    else {
      const children = Array.isArray(value) ? (value as ModdleElement[]) : [value as ModdleElement];
      parts[property.name] = await Promise.all(children.map((child) => model.toXml(child)));
    }
  }
  return JSON.stringify(parts);
}

function displayName(element: ModdleElement): string | undefined {
  for (const property of ['name', 'label', 'description']) {
    const value = element.get(property);
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

function children(element: ModdleElement): ModdleElement[] {
  const found: ModdleElement[] = [];
  for (const property of descriptorProperties(element)) {
    if (!CHILD_COLLECTIONS.has(property.name)) continue;
    const value = element.get(property.name);
    if (Array.isArray(value)) found.push(...(value as ModdleElement[]));
    else if (value && typeof value === 'object') found.push(value as ModdleElement);
  }
  return found;
}

/** Every element with an id, in document order (the definitions element itself excluded). */
export async function modelElements(model: ParsedModel): Promise<ModelElement[]> {
  const elements: ModelElement[] = [];
  const visit = async (element: ModdleElement) => {
    if (element.id && element !== model.root) {
      elements.push({
        id: element.id,
        type: element.$type.replace(/^(bpmn|dmn):/, ''),
        name: displayName(element),
        fingerprint: await fingerprint(model, element),
      });
    }
    for (const child of children(element)) await visit(child);
  };
  await visit(model.root);
  return elements;
}
