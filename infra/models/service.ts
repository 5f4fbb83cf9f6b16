// The modeler's use cases over the engine, the drafts table and processes/: open a model, check it,
// save drafts without losing any, compare with the deployed version, deploy as a new version (audited),
// list versions, roll back. The HTTP edge is server/api/models/.
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { EngineError } from '../engine-rest.ts';
import { modelFiles } from '../deploy-models.ts';
import { parseModel, kindOfResource } from './parse.ts';
import { modelElements } from './elements.ts';
import { codeReferencesIn, type CodeReferences } from './code-references.ts';
import { lintModel, hasErrors } from './lint.ts';
import { diffElements } from './diff.ts';
import { createModelStore } from './store.ts';
import type { ModelKind, ParsedModel } from './parse.ts';
import type { ModelElement } from './elements.ts';
import type { ModelProblem } from './lint.ts';
import type { Db } from '../db.ts';
import type { EngineClient, EngineDefinition } from '../engine-rest.ts';

export interface ModelServiceDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  /** The external-task topics the workers serve (workers/registry.ts). */
  servedTopics: ReadonlySet<string>;
  /** The user tasks the task list has a form for (server/api/tasks/forms). */
  formTaskIds: ReadonlySet<string>;
  /** processes/ by default; tests may point elsewhere. */
  processesDir?: string;
}

export interface Checked {
  model: ParsedModel;
  elements: ModelElement[];
  problems: ModelProblem[];
}

const engineKind = (kind: ModelKind) => (kind === 'bpmn' ? 'process' : 'decision');
export const DEPLOYMENT_SOURCE = 'hcp-modeler';

/** The engine refused the model itself (4xx, or a 500 the engine raises while parsing BPMN or DMN). */
function isEngineRefusal(error: unknown): error is EngineError {
  if (!(error instanceof EngineError)) return false;
  if (error.status >= 400 && error.status < 500) return true;
  return error.status === 500 && /ENGINE-01\d{3}|DMN-\d+|pars(e|ing)/i.test(error.message);
}

export function createModelService(deps: ModelServiceDeps) {
  const store = createModelStore(deps.db);
  const { engine } = deps;

  async function fileModels() {
    const files = modelFiles(deps.processesDir);
    const parsed = await Promise.all(
      files.map(async (file) => {
        const kind = kindOfResource(file.name);
        if (!kind) return undefined;
        const model = await parseModel(kind, file.content).catch(() => undefined);
        return model && { file: file.name, kind, key: model.key, name: model.name, xml: file.content };
      }),
    );
    return parsed.filter((entry) => entry !== undefined);
  }

  // What code relies on in each shipped process (processes/ ships with the code, so it is read once, on the
  // first check, not on every lint of a model being edited).
  let shippedReferences: Promise<Map<string, CodeReferences>> | undefined;
  function codeReferencesOf(key: string): Promise<CodeReferences | undefined> {
    shippedReferences ??= fileModels().then(
      (files) =>
        new Map(
          files
            .filter((file) => file.kind === 'bpmn')
            .map((file) => [file.key, codeReferencesIn(file.xml)] as const),
        ),
    );
    return shippedReferences.then((references) => references.get(key));
  }

  async function deployedVersions(kind: ModelKind, key: string): Promise<EngineDefinition[]> {
    return engine.definitions(engineKind(kind), { key, sortBy: 'version', sortOrder: 'desc' });
  }

  async function definitionXml(kind: ModelKind, id: string): Promise<string> {
    const answer = await engine.definitionXml(engineKind(kind), id);
    return (kind === 'bpmn' ? answer.bpmn20Xml : answer.dmnXml) ?? '';
  }

  async function check(kind: ModelKind, xml: string): Promise<Checked> {
    const model = await parseModel(kind, xml);
    const elements = await modelElements(model);
    // What code relies on, of what the shipped version of this model holds: a new version must keep it.
    const required = kind === 'bpmn' ? await codeReferencesOf(model.key) : undefined;
    const problems = await lintModel(model, elements, {
      servedTopics: deps.servedTopics,
      formTaskIds: deps.formTaskIds,
      departmentIds: await store.departmentIds(),
      ...(required ? { required } : {}),
    });
    return { model, elements, problems };
  }

  /** The version a draft is compared with: the latest deployed, else the file of processes/. */
  async function baseline(kind: ModelKind, key: string) {
    const [latest] = await deployedVersions(kind, key);
    if (latest)
      return {
        origin: 'deployed' as const,
        version: latest.version,
        xml: await definitionXml(kind, latest.id),
      };
    const file = (await fileModels()).find((entry) => entry.kind === kind && entry.key === key);
    if (file) return { origin: 'file' as const, version: null, xml: file.xml };
    return undefined;
  }

  async function deploy(
    userId: string,
    kind: ModelKind,
    xml: string,
    origin: { expectedKey: string; sourceDraftId?: string; rollbackOfVersion?: number },
  ) {
    const checked = await check(kind, xml);
    if (checked.model.key !== origin.expectedKey) {
      throw new DomainError('model.key_mismatch', { expected: origin.expectedKey, found: checked.model.key });
    }
    if (hasErrors(checked.problems)) {
      throw new DomainError('model.check_failed', {
        problems: checked.problems.filter((problem) => problem.category === 'error'),
      });
    }
    const key = checked.model.key;
    const [latest] = await deployedVersions(kind, key);
    const resourceName = latest?.resource ?? `${key}.${kind}`;
    let deployment: Awaited<ReturnType<EngineClient['deployNewVersion']>>;
    try {
      deployment = await engine.deployNewVersion(`${DEPLOYMENT_SOURCE}:${key}`, DEPLOYMENT_SOURCE, {
        name: resourceName,
        content: xml,
      });
    } catch (error: unknown) {
      // The engine parses in one transaction: a refusal deploys nothing.
      if (isEngineRefusal(error)) {
        throw new DomainError('model.engine_rejected', { engineMessage: error.message });
      }
      throw error;
    }
    const definitions = {
      ...(deployment.deployedProcessDefinitions ?? {}),
      ...(deployment.deployedDecisionDefinitions ?? {}),
    };
    const definition = Object.values(definitions).find((entry) => entry.key === key);
    if (!definition) throw new Error(`deployment ${deployment.id} holds no definition of ${key}`);
    const row = await store.recordDeploy({
      kind,
      model_key: key,
      resource_name: resourceName,
      engine_deployment_id: deployment.id,
      engine_definition_id: definition.id,
      version: definition.version,
      deployed_by: userId,
      deployed_at: deps.clock(),
      source_draft_id: origin.sourceDraftId ?? null,
      rollback_of_version: origin.rollbackOfVersion ?? null,
      xml_sha256: createHash('sha256').update(xml).digest('hex'),
    });
    return { deploy: row, problems: checked.problems };
  }

  return {
    store,
    check,

    async listModels() {
      const [files, processes, decisions] = await Promise.all([
        fileModels(),
        engine.definitions('process', { latestVersion: 'true', sortBy: 'key', sortOrder: 'asc' }),
        engine.definitions('decision', { latestVersion: 'true', sortBy: 'key', sortOrder: 'asc' }),
      ]);
      const models = new Map<
        string,
        {
          kind: ModelKind;
          key: string;
          name: string | null;
          file: string | null;
          deployedVersion: number | null;
        }
      >();
      for (const file of files) {
        models.set(`${file.kind}:${file.key}`, {
          kind: file.kind,
          key: file.key,
          name: file.name ?? null,
          file: file.file,
          deployedVersion: null,
        });
      }
      const deployed = [
        ...processes.map((definition) => ({ kind: 'bpmn' as const, definition })),
        ...decisions.map((definition) => ({ kind: 'dmn' as const, definition })),
      ];
      for (const { kind, definition } of deployed) {
        const id = `${kind}:${definition.key}`;
        const known = models.get(id);
        models.set(id, {
          kind,
          key: definition.key,
          name: definition.name ?? known?.name ?? null,
          file: known?.file ?? null,
          deployedVersion: definition.version,
        });
      }
      return [...models.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
    },

    /** A model's XML: a deployed version (the latest by default) or its file in processes/. */
    async source(kind: ModelKind, key: string, options: { from?: 'deployed' | 'file'; version?: number }) {
      if (options.from !== 'file') {
        const versions = await deployedVersions(kind, key);
        const wanted =
          options.version === undefined
            ? versions[0]
            : versions.find((entry) => entry.version === options.version);
        if (wanted) {
          return {
            kind,
            key,
            origin: 'deployed' as const,
            version: wanted.version,
            definitionId: wanted.id,
            xml: await definitionXml(kind, wanted.id),
          };
        }
        if (options.version !== undefined)
          throw new DomainError('model.version_not_found', { key, version: options.version });
        if (options.from === 'deployed') throw new DomainError('model.not_found', { kind, key });
      }
      const file = (await fileModels()).find((entry) => entry.kind === kind && entry.key === key);
      if (!file) throw new DomainError('model.not_found', { kind, key });
      return {
        kind,
        key,
        origin: 'file' as const,
        version: null,
        definitionId: null,
        file: file.file,
        xml: file.xml,
      };
    },

    async diff(kind: ModelKind, key: string, xml: string) {
      const draft = await check(kind, xml);
      const base = await baseline(kind, key);
      const baseElements = base ? await modelElements(await parseModel(kind, base.xml)) : [];
      return {
        base: base ? { origin: base.origin, version: base.version } : null,
        ...diffElements(baseElements, draft.elements),
      };
    },

    async createDraft(
      userId: string,
      input: { kind: ModelKind; xml: string; basedOnVersion?: number | null },
    ) {
      const checked = await check(input.kind, input.xml);
      const draft = await store.createDraft({
        kind: input.kind,
        modelKey: checked.model.key,
        xml: input.xml,
        basedOnVersion: input.basedOnVersion ?? null,
        userId,
        at: deps.clock(),
      });
      return { draft, problems: checked.problems };
    },

    /**
     * Saves over the revision the editor loaded. Someone else saved first: nothing is overwritten, the
     * caller's XML becomes a draft of its own (conflict_of the one it collided with) and the 409 says which.
     */
    async saveDraft(userId: string, id: string, input: { xml: string; revision: number }) {
      const current = await store.draft(id);
      if (!current) throw new DomainError('model.draft_not_found', { id });
      // The key first: a renamed process is another model, not worth linting as this one.
      const { key } = await parseModel(current.kind, input.xml);
      if (key !== current.model_key) {
        throw new DomainError('model.key_mismatch', { expected: current.model_key, found: key });
      }
      const checked = await check(current.kind, input.xml);
      const at = deps.clock();
      const saved = await store.updateDraft(id, input.revision, { xml: input.xml, userId, at });
      if (saved) return { draft: saved, problems: checked.problems };
      const kept = await store.createDraft({
        kind: current.kind,
        modelKey: current.model_key,
        xml: input.xml,
        basedOnVersion: current.based_on_version,
        conflictOf: id,
        userId,
        at,
      });
      const latest = await store.draft(id);
      throw new DomainError('model.draft_conflict', {
        draftId: id,
        yourRevision: input.revision,
        currentRevision: latest?.revision,
        updatedBy: latest?.updated_by,
        updatedByName: latest?.updated_by_name,
        updatedAt: latest?.updated_at,
        savedAsDraftId: kept.id,
      });
    },

    async deployDraft(userId: string, id: string, revision: number) {
      const draft = await store.draft(id);
      if (!draft) throw new DomainError('model.draft_not_found', { id });
      if (draft.revision !== revision) {
        throw new DomainError('model.draft_stale', {
          draftId: id,
          yourRevision: revision,
          currentRevision: draft.revision,
          updatedByName: draft.updated_by_name,
          updatedAt: draft.updated_at,
        });
      }
      return deploy(userId, draft.kind, draft.xml, { expectedKey: draft.model_key, sourceDraftId: draft.id });
    },

    async rollback(userId: string, kind: ModelKind, key: string, version: number) {
      const target = (await deployedVersions(kind, key)).find((entry) => entry.version === version);
      if (!target) throw new DomainError('model.version_not_found', { key, version });
      return deploy(userId, kind, await definitionXml(kind, target.id), {
        expectedKey: key,
        rollbackOfVersion: version,
      });
    },

    async versions(kind: ModelKind, key: string) {
      const [definitions, audit] = await Promise.all([deployedVersions(kind, key), store.deploys(kind, key)]);
      const byDefinition = new Map(audit.map((row) => [row.engine_definition_id, row]));
      const deployments = new Map<string, string>();
      for (const id of new Set(definitions.slice(0, 100).map((definition) => definition.deploymentId))) {
        deployments.set(id, (await engine.deploymentById(id)).deploymentTime);
      }
      return definitions.slice(0, 100).map((definition) => ({
        definition,
        audit: byDefinition.get(definition.id),
        deploymentTime: deployments.get(definition.deploymentId),
      }));
    },
  };
}

export type ModelService = ReturnType<typeof createModelService>;
