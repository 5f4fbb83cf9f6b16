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
