import type { EngineTask } from '../../../infra/engine-rest.ts';

export function presentTask(task: EngineTask, caseId: string | null) {
  return {
    id: task.id,
    name: task.name,
    stage: task.taskDefinitionKey,
    caseId,
    assignee: task.assignee,
    createdAt: task.created,
    dueAt: task.due,
  };
}
