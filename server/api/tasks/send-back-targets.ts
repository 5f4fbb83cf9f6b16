// 退回: where the model lets a user task send its case back. A process owner names the earlier task in the
// user task's extension property `sendBackTo` (camunda:properties); nothing named, no send-back. Read from
// the deployed definition's XML, cached per definition id (a deployed definition never changes).
import type { EngineClient } from '../../../infra/engine-rest.ts';

export interface SendBackTargets {
  targetOf(processDefinitionId: string, taskDefinitionKey: string): Promise<string | undefined>;
}

const USER_TASK = /<(?:bpmn2?:)?userTask\b([^>]*)>([\s\S]*?)<\/(?:bpmn2?:)?userTask>/g;
const ID_ATTRIBUTE = /\bid="([^"]+)"/;
const SEND_BACK_PROPERTY = /<camunda:property\b[^>]*\bname="sendBackTo"[^>]*\bvalue="([^"]+)"/;

/** taskDefinitionKey → sendBackTo, for every user task of a BPMN document that names one. */
export function sendBackTargetsOf(bpmnXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const match of bpmnXml.matchAll(USER_TASK)) {
    const id = ID_ATTRIBUTE.exec(match[1] ?? '')?.[1];
    const target = SEND_BACK_PROPERTY.exec(match[2] ?? '')?.[1];
    if (id && target) targets.set(id, target);
  }
  return targets;
}

export function createSendBackTargets(engine: EngineClient): SendBackTargets {
  const byDefinition = new Map<string, Promise<Map<string, string>>>();
  return {
    async targetOf(processDefinitionId, taskDefinitionKey) {
      let targets = byDefinition.get(processDefinitionId);
      if (!targets) {
        targets = engine
          .processDefinitionXml(processDefinitionId)
          .then((answer) => sendBackTargetsOf(answer.bpmn20Xml));
        targets.catch(() => byDefinition.delete(processDefinitionId)).catch(() => undefined);
        byDefinition.set(processDefinitionId, targets);
      }
      return (await targets).get(taskDefinitionKey);
    },
  };
}
