// The BPMN editor: bpmn-js Modeler with the Camunda 7 properties panel (topics, candidate groups, due
// dates, timers, forms) and Chinese labels; problems and changes are drawn as markers and badges.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { zhTranslateModule } from '../translate/index.ts';
import type { BpmnModelerLike, Editor } from './types.ts';

interface Overlays {
  add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): void;
  remove(filter: { type: string }): void;
}
interface Canvas {
  addMarker(id: string, className: string): void;
  removeMarker(id: string, className: string): void;
  zoom(level: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

export function createBpmnEditor(canvasHost: HTMLElement, panelHost: HTMLElement): Editor {
  const modeler = new BpmnModeler({
    container: canvasHost,
    propertiesPanel: { parent: panelHost },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      zhTranslateModule,
    ],
    moddleExtensions: { camunda: camundaModdle },
  }) as BpmnModelerLike;
  let marked: { id: string; className: string }[] = [];

  const editor: Editor = {
    kind: 'bpmn',
    async load(xml) {
      const { warnings } = await modeler.importXML(xml);
      modeler.get<Canvas>('canvas').zoom('fit-viewport');
      return warnings.map((warning) => String((warning as { message?: string }).message ?? warning));
    },
    async xml() {
      return (await modeler.saveXML({ format: true })).xml ?? '';
    },
    mark(marks) {
      editor.clearMarks();
      const canvas = modeler.get<Canvas>('canvas');
      const overlays = modeler.get<Overlays>('overlays');
      const registry = modeler.get<ElementRegistry>('elementRegistry');
      for (const mark of marks) {
        if (!registry.get(mark.id)) continue;
        canvas.addMarker(mark.id, mark.className);
        marked.push(mark);
        const badge = document.createElement('div');
        badge.className = `hcp-badge ${mark.className}`;
        badge.title = mark.title;
        badge.textContent = mark.className === 'hcp-error' ? '!' : mark.className === 'hcp-warn' ? '?' : '•';
        overlays.add(mark.id, 'hcp-mark', { position: { top: -10, right: 10 }, html: badge });
      }
    },
    clearMarks() {
      const canvas = modeler.get<Canvas>('canvas');
      for (const mark of marked) canvas.removeMarker(mark.id, mark.className);
      marked = [];
      modeler.get<Overlays>('overlays').remove({ type: 'hcp-mark' });
    },
    onChange(callback) {
      modeler.on('commandStack.changed', callback);
    },
    destroy: () => modeler.destroy(),
  };
  return editor;
}
