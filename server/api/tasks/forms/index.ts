// Every user task's form, by the task's id in the models.
import { CASE_FORMS } from './case-forms.ts';
import { APPEAL_FORMS } from './appeal-forms.ts';
import { CONSULTATION_FORMS } from './consultation-forms.ts';
import type { TaskForm } from './types.ts';

export const TASK_FORMS: Record<string, TaskForm> = {
  ...CASE_FORMS,
  ...APPEAL_FORMS,
  ...CONSULTATION_FORMS,
};

export type { TaskForm, FormContext, FormResult } from './types.ts';
