// The DMN editor for the SLA policy (processes/sla-policy.dmn): dmn-js opens the decision table
// directly; rules with problems get a class on their cells.
import DmnModeler from 'dmn-js/lib/Modeler';
import { zhTranslateModule } from '../translate/index.ts';
import type { DmnModelerLike, Editor } from './types.ts';

export function createDmnEditor(canvasHost: HTMLElement): Editor {
  const modeler = new DmnModeler({
    container: canvasHost,
    common: { additionalModules: [zhTranslateModule] },
  }) as DmnModelerLike;
  let marked: { id: string; className: string }[] = [];
  const changeListeners: (() => void)[] = [];
  let viewListenerAdded = new WeakSet<object>();

  function listenToActiveView() {
    const viewer = modeler.getActiveViewer();
    if (!viewer || viewListenerAdded.has(viewer)) return;
    viewListenerAdded.add(viewer);
    viewer.get<{ on(event: string, callback: () => void): void }>('eventBus').on('elements.changed', () => {
      for (const listener of changeListeners) listener();
    });
  }

  const cellsOf = (id: string) =>
    canvasHost.querySelectorAll<HTMLElement>(
      `[data-element-id="${CSS.escape(id)}"], [data-row-id="${CSS.escape(id)}"]`,
    );

  const editor: Editor = {
    kind: 'dmn',
    async load(xml) {
      viewListenerAdded = new WeakSet();
      const { warnings } = await modeler.importXML(xml);
      const table = modeler.getViews().find((view) => view.type === 'decisionTable');
      if (table) await modeler.open(table);
      listenToActiveView();
      return warnings.map((warning) => String((warning as { message?: string }).message ?? warning));
    },
    async xml() {
      return (await modeler.saveXML({ format: true })).xml ?? '';
    },
    mark(marks) {
      editor.clearMarks();
      for (const mark of marks) {
        for (const cell of cellsOf(mark.id)) {
          cell.classList.add(mark.className);
          cell.title = mark.title;
        }
        marked.push(mark);
      }
    },
    clearMarks() {
      for (const mark of marked) for (const cell of cellsOf(mark.id)) cell.classList.remove(mark.className);
      marked = [];
    },
    onChange(callback) {
      changeListeners.push(callback);
    },
    destroy: () => modeler.destroy(),
  };
  return editor;
}
