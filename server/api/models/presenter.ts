// How drafts, deploys and versions look to the modeler.
import type { DraftWithNames, DeployRow, DraftRow } from '../../../infra/models/store.ts';
import type { EngineDefinition } from '../../../infra/engine-rest.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export function presentDraft(row: DraftRow | DraftWithNames, { withXml = true } = {}) {
  const names = row as Partial<DraftWithNames>;
  return {
    id: String(row.id),
    kind: row.kind,
    key: row.model_key,
    revision: row.revision,
    basedOnVersion: row.based_on_version,
    conflictOf: row.conflict_of === null ? null : String(row.conflict_of),
    createdBy: { id: row.created_by, name: names.created_by_name ?? null },
    createdAt: iso(row.created_at),
    updatedBy: { id: row.updated_by, name: names.updated_by_name ?? null },
    updatedAt: iso(row.updated_at),
    ...(withXml ? { xml: row.xml } : {}),
  };
}

export function presentDeploy(row: DeployRow & { deployed_by_name?: string | null }) {
  return {
    id: String(row.id),
    kind: row.kind,
    key: row.model_key,
    version: row.version,
    engineDeploymentId: row.engine_deployment_id,
    engineDefinitionId: row.engine_definition_id,
    deployedBy: { id: row.deployed_by, name: row.deployed_by_name ?? null },
    deployedAt: iso(row.deployed_at),
    sourceDraftId: row.source_draft_id === null ? null : String(row.source_draft_id),
    rollbackOfVersion: row.rollback_of_version,
  };
}

export function presentVersion(entry: {
  definition: EngineDefinition;
  audit: (DeployRow & { deployed_by_name?: string | null }) | undefined;
  deploymentTime: string | undefined;
}) {
  return {
    version: entry.definition.version,
    definitionId: entry.definition.id,
    engineDeploymentId: entry.definition.deploymentId,
    resource: entry.definition.resource,
    deployedAt: entry.audit ? iso(entry.audit.deployed_at) : (entry.deploymentTime ?? null),
    // Versions the modeler did not deploy came with the system's start (processes/, npm start).
    deployedBy: entry.audit
      ? { id: entry.audit.deployed_by, name: entry.audit.deployed_by_name ?? null }
      : { id: null, name: '系统启动部署（processes/）' },
    sourceDraftId: entry.audit?.source_draft_id ? String(entry.audit.source_draft_id) : null,
    rollbackOfVersion: entry.audit?.rollback_of_version ?? null,
  };
}
