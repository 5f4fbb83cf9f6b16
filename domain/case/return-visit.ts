// The 12345 return visit (回访, art. 18): its three results, and the BPMN message that brings a result
// from the hotline into the case's process (processes/bad-review.bpmn, Message_ReturnVisitResult).
export const RETURN_VISIT_MESSAGE = 'return-visit-result';

export const RETURN_VISIT_RESULTS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;

export type ReturnVisitResult = (typeof RETURN_VISIT_RESULTS)[number];

export const RETURN_VISIT_RESULT_LABELS: Record<ReturnVisitResult, string> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

export function isReturnVisitResult(value: unknown): value is ReturnVisitResult {
  return typeof value === 'string' && (RETURN_VISIT_RESULTS as readonly string[]).includes(value);
}
