// The bpmn.io packages ship JavaScript without TypeScript types for these entry points.
declare module 'bpmn-js/lib/Modeler' {
  const BpmnModeler: new (options: Record<string, unknown>) => unknown;
  export default BpmnModeler;
}
declare module 'dmn-js/lib/Modeler' {
  const DmnModeler: new (options: Record<string, unknown>) => unknown;
  export default DmnModeler;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const CamundaPlatformPropertiesProviderModule: unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const behaviors: unknown;
  export default behaviors;
}
