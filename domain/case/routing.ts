// art. 17: an item 差评 goes to the unit that handled the 办件 (谁办理、谁负责); a platform 差评 to the
// platform's builder (谁建设、谁负责). What cannot be routed goes to the approval department to assign.

export type RoutingRule = 'handled-by' | 'built-by' | 'unroutable';

export interface RoutingFacts {
  target: 'service' | 'platform';
  handlingDepartmentId: string | null;
  platformBuilderDepartmentId: string | null;
  /** The approval department of the 办件's region: the fallback owner. */
  approvalDepartmentId: string;
}

export interface Routing {
  departmentId: string;
  rule: RoutingRule;
}

export function routeBadReview(facts: RoutingFacts): Routing {
  if (facts.target === 'service' && facts.handlingDepartmentId) {
    return { departmentId: facts.handlingDepartmentId, rule: 'handled-by' };
  }
  if (facts.target === 'platform' && facts.platformBuilderDepartmentId) {
    return { departmentId: facts.platformBuilderDepartmentId, rule: 'built-by' };
  }
  return { departmentId: facts.approvalDepartmentId, rule: 'unroutable' };
}
