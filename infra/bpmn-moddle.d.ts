// The slice of bpmn-moddle 10 used by infra/model-inspection.ts (the package's own types cover only
// the BPMN meta-model, not the constructor).
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
  }
}
