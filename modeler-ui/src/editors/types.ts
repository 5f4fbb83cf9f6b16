// What the page needs of bpmn-js and dmn-js (their JavaScript APIs, typed as far as they are used).
export interface BpmnModelerLike {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
  get<T = unknown>(name: string): T;
  on(event: string, callback: () => void): void;
  destroy(): void;
}

export interface DmnView {
  type: string;
  element: { id: string };
}

export interface DmnModelerLike {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
  getViews(): DmnView[];
  open(view: DmnView): Promise<unknown>;
  getActiveViewer(): { get<T = unknown>(name: string): T } | undefined;
  on(event: string, callback: () => void): void;
  destroy(): void;
}

/** One open model, whichever editor shows it. */
export interface Editor {
  kind: 'bpmn' | 'dmn';
  load(xml: string): Promise<string[]>;
  xml(): Promise<string>;
  /** Marks elements with problems or changes (ids) and shows a badge with the message. */
  mark(marks: { id: string; className: string; title: string }[]): void;
  clearMarks(): void;
  onChange(callback: () => void): void;
  destroy(): void;
}
