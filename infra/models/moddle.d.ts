// The slices of dmn-moddle, saxen and bpmnlint the modeler's server side uses (the packages ship no
// TypeScript types for these entry points). bpmn-moddle's constructor is declared in infra/bpmn-moddle.d.ts.
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}

declare module 'saxen' {
  export class Parser {
    on(
      event: 'error',
      handler: (error: Error, getContext: () => { line: number; column: number }) => void,
    ): void;
    parse(xml: string): void;
  }
}
