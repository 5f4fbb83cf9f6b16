// Where a case's processes stand, for the diagram: its own process and the ones it called (appeal review,
// consultation), each with the activities it is in now and the ones it has passed.
import type { EngineActivityInstance, EngineClient } from '../../../infra/engine-rest.ts';

function activeActivityIds(tree: EngineActivityInstance): string[] {
  const ids: string[] = [];
  const walk = (node: EngineActivityInstance) => {
    if (node.activityType !== 'processDefinition') ids.push(node.activityId);
    for (const transition of node.childTransitionInstances) ids.push(transition.activityId);
    for (const child of node.childActivityInstances) walk(child);
  };
  walk(tree);
  return [...new Set(ids)];
}

export async function caseProgress(engine: EngineClient, caseId: string) {
  const instances = await engine.historicProcessInstances({
    processInstanceBusinessKey: caseId,
    sortBy: 'startTime',
    sortOrder: 'asc',
  });
  return Promise.all(
    instances.map(async (instance) => {
      const ended = Boolean(instance.endTime);
      const [activities, tree, definition] = await Promise.all([
        engine.historicActivities(instance.id),
        ended ? Promise.resolve(undefined) : engine.activityInstanceTree(instance.id).catch(() => undefined),
        engine.processDefinition(instance.processDefinitionId),
      ]);
      const active = tree ? activeActivityIds(tree) : [];
      return {
        processInstanceId: instance.id,
        processDefinitionId: instance.processDefinitionId,
        key: definition.key,
        name: definition.name,
        version: definition.version,
        ended,
        activeActivityIds: active,
        passedActivityIds: [
          ...new Set(
            activities.filter((activity) => activity.endTime).map((activity) => activity.activityId),
          ),
        ].filter((activityId) => !active.includes(activityId)),
      };
    }),
  );
}
