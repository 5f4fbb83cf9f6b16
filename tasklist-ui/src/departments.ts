// Departments to choose from (assigning a case, convening a consultation): GET /api/departments, cached.
// Should the list not load, the selects still let an id be typed.
import { get } from './api.ts';
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

/** The kinds whose people work cases; the server checks the same (domain/case/consultation.ts handlesCases). */
const CASE_HANDLING_KINDS = ['bureau', 'data-bureau'];

/** A department that can be given a case's task: a connected bureau or the platform's builder. */
export function handlesCases(department: Department): boolean {
  return department.acceptsCases !== false && CASE_HANDLING_KINDS.includes(department.kind ?? '');
}
