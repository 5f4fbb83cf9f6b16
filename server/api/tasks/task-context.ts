// What a task's form shows besides its own fields: the variables earlier steps left for it. Only these
// named variables leave the server (the engine holds more, e.g. due dates and internal flags).
const CONTEXT_VARIABLES: Record<string, string[]> = {
  Task_AssignResponsibleUnit: [],
  Task_VerifyComplaint: [],
  Task_RectifyComplaint: ['verifyFindings', 'rectifyComplex'],
  Task_RecordReturnVisit: ['rectifyProblem', 'rectifyActions'],
  Task_HandleEscalation: ['returnVisitResult', 'returnVisitNote'],
  Task_ReviewAppeal: ['appealReasons', 'appealAdditionalReasons', 'appealEvidenceIds', 'verifyFindings'],
  Task_ProvideAppealEvidence: ['appealEvidenceRequest', 'appealReasons', 'appealEvidenceIds'],
  Task_PickConsultationDepartments: ['consultationReason', 'verifyFindings'],
  Task_GiveConsultationOpinion: ['consultationReason', 'consultationDepartment'],
  Task_WriteConsultationReply: ['consultationReason', 'consultationDepartments', 'consultationOpinions'],
};
const ALWAYS = ['sendBackReason'];

export function taskContext(
  taskDefinitionKey: string,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const names = new Set([...(CONTEXT_VARIABLES[taskDefinitionKey] ?? []), ...ALWAYS]);
  return Object.fromEntries(
    // null: cleared (a send-back reason once its task is done).
    [...names].filter((name) => variables[name] != null).map((name) => [name, variables[name]]),
  );
}
