// art. 20: for a difficult or multi-department 差评 the approval department convenes the handling unit
// and the departments concerned, and replies to the rater within 15 working days. Which departments
// take part is the coordinator's choice; these are the rules that choice must meet.

export interface FieldProblem {
  path: string;
  problem: string;
}

export interface DepartmentChoice {
  chosen: readonly string[];
  /** Every department id that exists. */
  known: ReadonlySet<string>;
  /** Those that handle cases (handlesCases): only they can be tasked with an opinion. */
  handling: ReadonlySet<string>;
  /** The convening approval department: it writes the reply, it gives no opinion to itself. */
  approvalDepartmentId: string | undefined;
  /** The unit that handles the case: art. 20 convenes it together with the others. */
  responsibleDepartmentId: string | undefined;
}

export const MIN_CONSULTATION_DEPARTMENTS = 2;

/** The kinds of department whose people work cases: the bureaus that handle items, the platform's builder. */
const CASE_HANDLING_KINDS: readonly string[] = ['bureau', 'data-bureau'];

/**
 * Whether a department can be given a case's task (指定责任单位, 会商意见): a handling unit that is connected to
 * the system (accepts_cases). An approval department, 12345 or the supervisors, or a bureau not yet
 * connected, would get a task nobody can complete, its clock running.
 */
export function handlesCases(department: { kind: string; accepts_cases: boolean }): boolean {
  return department.accepts_cases && CASE_HANDLING_KINDS.includes(department.kind);
}

/** Every problem of the choice, by field path; none means the consultation may start. */
export function consultationDepartmentProblems(choice: DepartmentChoice): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const accepted = new Set<string>();
  choice.chosen.forEach((id, index) => {
    const path = `departments.${index}`;
    if (seen.has(id)) problems.push({ path, problem: `重复选择了部门 ${id}` });
    else if (!choice.known.has(id)) problems.push({ path, problem: `部门 ${id} 不存在` });
    else if (id === choice.approvalDepartmentId)
      problems.push({ path, problem: '召集会商的行政审批部门负责汇总答复，不作为会商部门出具意见' });
    else if (!choice.handling.has(id))
      problems.push({
        path,
        problem: `部门 ${id} 不承办差评（未接入本系统，或不是业务办理单位），无人能出具意见`,
      });
    else accepted.add(id);
    seen.add(id);
  });
  if (accepted.size < MIN_CONSULTATION_DEPARTMENTS) {
    problems.push({
      path: 'departments',
      problem: `会商至少需要 ${MIN_CONSULTATION_DEPARTMENTS} 个不同的部门（不含召集的行政审批部门）`,
    });
  }
  if (choice.responsibleDepartmentId && !accepted.has(choice.responsibleDepartmentId)) {
    problems.push({
      path: 'departments',
      problem: `会商须包括差评的承办单位 ${choice.responsibleDepartmentId}（第二十条：协调业务办理部门及相关部门）`,
    });
  }
  return problems;
}
