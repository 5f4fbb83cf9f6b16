// Reading the models in processes/ the way bpmn-js does (bpmn-moddle with the camunda extension):
// import warnings, and the external-task topics, candidate groups and error codes they use.
import { BpmnModdle } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { modelFiles } from './deploy-models.ts';

export interface ModelFacts {
  file: string;
  warnings: string[];
  processIds: string[];
  topics: string[];
  historyTimeToLive: (string | undefined)[];
}

interface ModdleElement {
  $type: string;
  id?: string;
  get(name: string): unknown;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
}

function walk(element: ModdleElement, visit: (element: ModdleElement) => void): void {
  visit(element);
  for (const child of element.flowElements ?? []) walk(child, visit);
}

export async function inspectModel(file: string, xml: string): Promise<ModelFacts> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const { rootElement, warnings } = (await moddle.fromXML(xml)) as unknown as {
    rootElement: ModdleElement;
    warnings: { message: string }[];
  };
  const processes = (rootElement.rootElements ?? []).filter((element) => element.$type === 'bpmn:Process');
  const topics = new Set<string>();
  for (const process of processes) {
    walk(process, (element) => {
      const topic = element.get('camunda:topic');
      if (typeof topic === 'string' && topic) topics.add(topic);
    });
  }
  return {
    file,
    warnings: warnings.map((warning) => warning.message),
    processIds: processes.map((process) => process.id ?? ''),
    topics: [...topics].sort(),
    historyTimeToLive: processes.map(
      (process) => process.get('camunda:historyTimeToLive') as string | undefined,
    ),
  };
}

export async function inspectModels(dir?: string): Promise<ModelFacts[]> {
  return Promise.all(
    modelFiles(dir)
      .filter((file) => file.name.endsWith('.bpmn'))
      .map((file) => inspectModel(file.name, file.content)),
  );
}
