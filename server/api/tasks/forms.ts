// One form per user task, by the task's id in the model. The server validates exactly what the form
// asks for, and turns it into process variables.
import { z } from 'zod';
import type { SlaStage } from '../../../domain/case/sla-policy.ts';

const paragraph = z.string().trim().min(1, '必填').max(4000);

const verifyForm = z.strictObject({
  outcome: z.literal('valid'),
  findings: paragraph,
});

const rectifyForm = z.strictObject({
  problem: paragraph,
  actions: paragraph,
});

interface TaskForm<Schema extends z.ZodType> {
  stage: SlaStage;
  schema: Schema;
  toVariables(values: z.infer<Schema>): Record<string, unknown>;
}

function form<Schema extends z.ZodType>(definition: TaskForm<Schema>): TaskForm<z.ZodType> {
  return definition as unknown as TaskForm<z.ZodType>;
}

export const TASK_FORMS: Record<string, TaskForm<z.ZodType>> = {
  Task_VerifyComplaint: form({
    stage: 'verify',
    schema: verifyForm,
    toVariables: (values) => ({ verifyOutcome: values.outcome, verifyFindings: values.findings }),
  }),
  Task_RectifyComplaint: form({
    stage: 'rectify',
    schema: rectifyForm,
    toVariables: (values) => ({ rectifyProblem: values.problem, rectifyActions: values.actions }),
  }),
};
