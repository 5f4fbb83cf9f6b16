// Departments to choose from (assigning a case, convening a consultation): GET /api/departments, cached.
// Should the list not load, the selects still let an id be typed.
import { ref } from 'vue';
import { get } from './api.ts';
import { handlesCases as handlesCasesRule } from '../../domain/case/consultation.ts';
import type { Department } from './types.ts';

let cached: Promise<Department[]> | undefined;

export function loadDepartments(): Promise<Department[]> {
  cached ??= get<{ departments: Department[] }>('/departments')
    .then((answer) => answer.departments)
    .catch(() => {
      cached = undefined;
      return [];
    });
  return cached;
}

/** A department that can be given a case's task: the server's rule (domain/case/consultation.ts). */
export function handlesCases(department: Department): boolean {
  return handlesCasesRule({ kind: department.kind ?? '', accepts_cases: department.acceptsCases !== false });
}

/**
 * Department names by id, filled once the list has loaded: screens show 西安市市场监督管理局, not xa-market
 * (an id the list does not know stays as it is).
 */
export function departmentNames(): { nameOf: (id: string) => string } {
  const names = ref(new Map<string, string>());
  void loadDepartments().then((departments) => {
    names.value = new Map(departments.map((department) => [department.id, department.name]));
  });
  return { nameOf: (id: string) => names.value.get(id) ?? id };
}
