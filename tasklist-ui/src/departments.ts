// Departments to choose from (assigning a case, convening a consultation). The contract has no list of
// its own yet (tasklist-ui/NEEDS.md): the UI asks GET /api/departments and otherwise lets ids be typed.
import { get } from './api.ts';
import type { Department } from './types.ts';

let cached: Promise<Department[]> | undefined;

export function loadDepartments(): Promise<Department[]> {
  cached ??= get<{ departments: Department[] } | Department[]>('/departments')
    .then((answer) => (Array.isArray(answer) ? answer : answer.departments))
    .catch(() => {
      cached = undefined;
      return [];
    });
  return cached;
}
