// Every BPMN error code a worker may throw, named once. Each must be declared in the model that
// catches it (test/unit/models.test.ts checks).
export const BPMN_ERRORS = {} as const;

export type BpmnErrorCode = (typeof BPMN_ERRORS)[keyof typeof BPMN_ERRORS];
