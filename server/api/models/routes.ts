// The modeler's API (issue 7), under /api:
//   GET  /models                         every model: processes/ files and deployed definitions
//   GET  /models/:kind/:key              its XML (?from=deployed|file, ?version=N)
//   GET  /models/:kind/:key/versions     deployed versions with who deployed them and when
//   POST /models/:kind/:key/diff         { xml }: elements added, removed, changed against the deployed
//   POST /models/:kind/:key/rollback     { version }: deploy that version's XML again (new version)
//   POST /models/lint                    { kind, xml }: the problems, drawn on the diagram
//   GET  /model-drafts, GET /model-drafts/:id, POST /model-drafts, PUT /model-drafts/:id
//   GET  /model-drafts/:id/diff, POST /model-drafts/:id/deploy { revision }
// Reading needs a session; saving, deploying and rolling back the role process-owner (or admin).
import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireRole, requireUser } from '../../auth/middleware.ts';
import { createModelService } from '../../../infra/models/service.ts';
import { TOPIC_MODULES } from '../../../workers/registry.ts';
import { TASK_FORMS } from '../tasks/forms/index.ts';
import { presentDeploy, presentDraft, presentVersion } from './presenter.ts';
import { DomainError } from '../../../domain/errors.ts';
import {
  deployDraftBody,
  diffBody,
  draftListQuery,
  lintBody,
  modelParams,
  newDraftBody,
  rollbackBody,
  saveDraftBody,
  sourceQuery,
} from './schema.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';

const draftParams = z.object({ id: z.string().min(1).max(20) });
const draftId = (params: unknown) => draftParams.parse(params).id;

export function modelRoutes(deps: { db: Db; engine: EngineClient; clock: () => Date }): Router {
  const router = Router();
  const models = createModelService({
    ...deps,
    servedTopics: new Set(TOPIC_MODULES.map((module) => module.topic)),
    formTaskIds: new Set(Object.keys(TASK_FORMS)),
  });
  const owners = requireRole('process-owner', 'admin');

  router.get('/models', requireUser, async (_request, response) => {
    response.json({ models: await models.listModels() });
  });

  router.post('/models/lint', requireUser, async (request, response) => {
    const { kind, xml } = lintBody.parse(request.body);
    const { model, problems } = await models.check(kind, xml);
    response.json({ kind, key: model.key, name: model.name ?? null, problems });
  });

  router.get('/models/:kind/:key', requireUser, async (request, response) => {
    const { kind, key } = modelParams.parse(request.params);
    response.json(await models.source(kind, key, sourceQuery.parse(request.query)));
  });

  router.get('/models/:kind/:key/versions', requireUser, async (request, response) => {
    const { kind, key } = modelParams.parse(request.params);
    const versions = await models.versions(kind, key);
    if (!versions.length) throw new DomainError('model.not_found', { kind, key });
    response.json({ kind, key, versions: versions.map(presentVersion) });
  });

  router.post('/models/:kind/:key/diff', requireUser, async (request, response) => {
    const { kind, key } = modelParams.parse(request.params);
    const { xml } = diffBody.parse(request.body);
    response.json(await models.diff(kind, key, xml));
  });

  router.post('/models/:kind/:key/rollback', owners, async (request, response) => {
    const { kind, key } = modelParams.parse(request.params);
    const { version } = rollbackBody.parse(request.body);
    const result = await models.rollback(currentUser(response).id, kind, key, version);
    response.status(201).json({ deploy: presentDeploy(result.deploy), problems: result.problems });
  });

  router.get('/model-drafts', requireUser, async (request, response) => {
    const { kind, key } = draftListQuery.parse(request.query);
    const drafts = await models.store.drafts({
      ...(kind ? { kind } : {}),
      ...(key ? { modelKey: key } : {}),
    });
    response.json({ drafts: drafts.map((draft) => presentDraft(draft, { withXml: false })) });
  });

  router.get('/model-drafts/:id', requireUser, async (request, response) => {
    const draft = await models.store.draft(draftId(request.params));
    if (!draft) throw new DomainError('model.draft_not_found', { id: draftId(request.params) });
    response.json(presentDraft(draft));
  });

  router.get('/model-drafts/:id/diff', requireUser, async (request, response) => {
    const draft = await models.store.draft(draftId(request.params));
    if (!draft) throw new DomainError('model.draft_not_found', { id: draftId(request.params) });
    response.json(await models.diff(draft.kind, draft.model_key, draft.xml));
  });

  router.post('/model-drafts', owners, async (request, response) => {
    const body = newDraftBody.parse(request.body);
    const { draft, problems } = await models.createDraft(currentUser(response).id, body);
    response.status(201).json({ draft: presentDraft(draft, { withXml: false }), problems });
  });

  router.put('/model-drafts/:id', owners, async (request, response) => {
    const body = saveDraftBody.parse(request.body);
    const { draft, problems } = await models.saveDraft(
      currentUser(response).id,
      draftId(request.params),
      body,
    );
    response.json({ draft: presentDraft(draft, { withXml: false }), problems });
  });

  router.post('/model-drafts/:id/deploy', owners, async (request, response) => {
    const { revision } = deployDraftBody.parse(request.body);
    const result = await models.deployDraft(currentUser(response).id, draftId(request.params), revision);
    response.status(201).json({ deploy: presentDeploy(result.deploy), problems: result.problems });
  });

  return router;
}
