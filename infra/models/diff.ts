// What a draft changes against the deployed version: elements added, removed, or whose own content
// changed (see elements.ts for what counts as content).
import type { ModelElement } from './elements.ts';

export interface ElementChange {
  id: string;
  type: string;
  name: string | undefined;
  /** For a changed element whose name changed too: the name it had. */
  previousName?: string | undefined;
}

export interface ModelDiff {
  added: ElementChange[];
  removed: ElementChange[];
  changed: ElementChange[];
}

const summary = ({ id, type, name }: ModelElement): ElementChange => ({ id, type, name });

export function diffElements(base: ModelElement[], draft: ModelElement[]): ModelDiff {
  const before = new Map(base.map((element) => [element.id, element]));
  const after = new Map(draft.map((element) => [element.id, element]));
  const changed: ElementChange[] = [];
  for (const element of draft) {
    const old = before.get(element.id);
    if (!old || old.fingerprint === element.fingerprint) continue;
    changed.push(
      old.name === element.name ? summary(element) : { ...summary(element), previousName: old.name },
    );
  }
  return {
    added: draft.filter((element) => !before.has(element.id)).map(summary),
    removed: base.filter((element) => !after.has(element.id)).map(summary),
    changed,
  };
}
