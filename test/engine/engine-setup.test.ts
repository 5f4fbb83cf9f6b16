// The engine as the project builds it: admin user from configuration, webapps, JSON variables (Spin),
// and basic auth on the REST API when ENGINE_REST_AUTH is on — for the server's health check and for the
// workers too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { getHarness, engineDatabaseUrl } from './harness.ts';
import { startEngineProcess } from '../../infra/engine-process.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { createDb } from '../../infra/db.ts';
import { healthRoutes } from '../../server/api/health/routes.ts';
import { startWorkerHost } from '../../workers/adapter.ts';
import { uniqueWorkerId } from '../../workers/main.ts';
import { eventually } from '../support/fixtures.ts';
import type { Server } from 'node:http';
import type { Db } from '../../infra/db.ts';
import type { EngineClient } from '../../infra/engine-rest.ts';
import type { RunningEngine } from '../../infra/engine-process.ts';
import type { TopicWorker } from '../../workers/adapter.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** GET /api/health of a server with this database and this engine client (the route as the app mounts it). */
async function health(db: Db, engine: EngineClient) {
  const app = express();
  app.use('/api', healthRoutes({ db, engine }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('the engine (issue 2)', () => {
  it('given the started engine, then the admin user from configuration exists and the webapps answer', async () => {
    const harness = getHarness();
    const base = harness.engine.baseUrl.replace(/\/engine-rest$/, '');
    const profile = await fetch(`${harness.engine.baseUrl}/user/admin/profile`);
    assert.equal(profile.status, 200);
    const cockpit = await fetch(`${base}/operaton/app/cockpit/default/`);
    assert.equal(cockpit.status, 200);
  });

  it('given a JSON variable, when it is stored and read back, then Spin keeps it as JSON', async () => {
    const harness = getHarness();
    const fixture = path.join(FIXTURES, 'json-probe.bpmn');
    await harness.engine.deploy('json-probe', [
      { name: 'json-probe.bpmn', content: fs.readFileSync(fixture, 'utf8') },
    ]);
    const started = await harness.engine.startProcess('json-probe', `json-probe-${Date.now()}`, {
      probe: { 评价: '非常不满意', tags: ['态度生硬'] },
    });
    const variables = await harness.engine.processVariables(started.id);
    assert.equal(variables.probe?.type, 'Json');
    assert.deepEqual(JSON.parse(String(variables.probe?.value)), { 评价: '非常不满意', tags: ['态度生硬'] });
  });

  it("given a model whose expression names a Spring bean of the engine's application (its environment), then the engine resolves none: the instance does not start; a process variable of that name is read as usual", async () => {
    const harness = getHarness();
    await harness.engine.deploy('bean-probe', [
      { name: 'bean-probe.bpmn', content: fs.readFileSync(path.join(FIXTURES, 'bean-probe.bpmn'), 'utf8') },
    ]);
    await assert.rejects(
      harness.engine.startProcess('bean-probe', `bean-probe-${Date.now()}`, {}),
      /environment/,
    );
    const started = await harness.engine.startProcess('bean-probe', `bean-probe-${Date.now()}`, {
      environment: 'xa-market',
    });
    const [task] = await harness.engine.tasks({ processInstanceId: started.id });
    assert.ok(task, 'the task waits');
    const links = await harness.engine.taskIdentityLinks(task!.id);
    assert.ok(
      links.some((link: { groupId?: string | null }) => link.groupId),
      JSON.stringify(links),
    );
  });

  it('given neither the database nor the engine answers, then health is 503 and its message names both', async () => {
    const db = createDb('postgres://postgres@127.0.0.1:1/nowhere', 1);
    try {
      const answer = await health(db, createEngineClient({ baseUrl: 'http://127.0.0.1:1/engine-rest' }));
      assert.equal(answer.status, 503);
      assert.equal(answer.body.database, 'down');
      assert.equal(answer.body.engine, 'down');
      assert.match(answer.body.message!, /数据库不可用/);
      assert.match(answer.body.message!, /流程引擎不可用/);
    } finally {
      await db.destroy();
    }
  });

  describe('with ENGINE_REST_AUTH on (a second engine on the same database)', () => {
    const port = Number(process.env.ENGINE_TEST_AUTH_PORT ?? 18081);
    const restUrl = `http://127.0.0.1:${port}/engine-rest`;
    const admin = { username: 'admin', password: 'admin' };
    // Wrong passwords go to a user of their own: after a failed login the engine refuses that user's logins,
    // right ones included, for a few seconds (and for good after ten), and admin must keep working here.
    const other = { username: `hcptest${randomUUID().slice(0, 8)}`, password: 'the-right-one' };
    const wrongPassword = { username: other.username, password: 'wrong' };
    const asAdmin = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };
    let secured: RunningEngine | undefined;

    before(async function () {
      this.timeout(240_000);
      secured = await startEngineProcess({
        databaseUrl: engineDatabaseUrl(),
        port,
        restAuth: true,
        adminUser: admin.username,
        adminPassword: admin.password,
        log: () => undefined,
        logFile: `/tmp/hcp-test-engine-auth-${port}.log`,
      });
      const created = await fetch(`${restUrl}/user/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asAdmin },
        body: JSON.stringify({
          profile: { id: other.username, firstName: '测试', lastName: '用户', email: 'test@hcp.localhost' },
          credentials: { password: other.password },
        }),
      });
      assert.equal(created.status, 204, await created.text());
    });

    after(async () => {
      await secured?.stop();
    });

    it('then REST needs the configured credentials', async () => {
      const anonymous = await fetch(`${restUrl}/process-definition`);
      assert.equal(anonymous.status, 401);
      const client = createEngineClient({ baseUrl: restUrl, credentials: admin });
      const instances = await client.processInstances({ processDefinitionKey: 'bad-review' });
      assert.ok(Array.isArray(instances));
      const wrong = createEngineClient({ baseUrl: restUrl, credentials: wrongPassword });
      await assert.rejects(wrong.processInstances({ processDefinitionKey: 'bad-review' }), /401/);
    });

    it('given the right credentials, then health is 200; wrong or none: 503 naming the engine and the failed login', async () => {
      const { db } = getHarness();
      const right = await health(db, createEngineClient({ baseUrl: restUrl, credentials: admin }));
      assert.equal(right.status, 200);
      assert.deepEqual([right.body.database, right.body.engine], ['up', 'up']);

      // GET /engine answers even so (the auth filter lets it through): the check must not rely on it.
      assert.equal((await fetch(`${restUrl}/engine`)).status, 200);
      for (const credentials of [wrongPassword, undefined]) {
        const refused = await health(db, createEngineClient({ baseUrl: restUrl, credentials }));
        assert.equal(refused.status, 503);
        assert.deepEqual([refused.body.database, refused.body.engine], ['up', 'down']);
        assert.match(refused.body.message!, /流程引擎不可用（认证失败/);
        assert.doesNotMatch(refused.body.message!, /数据库/);
      }
    });

    it('given a worker with wrong credentials, then it takes nothing; with the right ones it fetches and completes the task', async () => {
      const engine = createEngineClient({ baseUrl: restUrl, credentials: admin });
      await engine.deploy('auth-probe', [
        { name: 'auth-probe.bpmn', content: fs.readFileSync(path.join(FIXTURES, 'auth-probe.bpmn'), 'utf8') },
      ]);
      const businessKey = `auth-probe-${randomUUID()}`;
      const started = await engine.startProcess('auth-probe', businessKey, {});
      const handled: string[] = [];
      const probe: TopicWorker = {
        topic: 'auth-probe',
        lockDurationMs: 10_000,
        handle: (task) => {
          handled.push(task.businessKey ?? '');
          return Promise.resolve({ kind: 'complete' });
        },
      };
      const startHost = (credentials: { username: string; password: string }, log: (line: string) => void) =>
        startWorkerHost({
          baseUrl: restUrl,
          workerId: uniqueWorkerId('auth-probe'),
          credentials,
          workers: [probe],
          log,
        });

      const refusedLog: string[] = [];
      const refused = startHost(wrongPassword, (line) => refusedLog.push(line));
      try {
        await eventually(async () => refusedLog.find((line) => /refused our credentials.*401/.test(line)), {
          what: 'the refused poll',
        });
      } finally {
        refused.stop();
      }
      assert.deepEqual(handled, []);
      const waiting = await fetch(`${restUrl}/external-task?processInstanceId=${started.id}`, {
        headers: asAdmin,
      });
      const [task] = (await waiting.json()) as { workerId: string | null }[];
      assert.equal(task?.workerId, null, 'the task is not locked by anyone');

      const accepted = startHost(admin, () => undefined);
      try {
        const [ended] = await eventually(
          async () => {
            const found = await engine.historicProcessInstances({ processInstanceId: started.id });
            return found[0]?.state === 'COMPLETED' ? found : undefined;
          },
          { what: 'the probe instance to end', timeoutMs: 30_000 },
        );
        assert.equal(ended!.businessKey, businessKey);
        assert.deepEqual(handled, [businessKey], 'handled exactly once');
      } finally {
        accepted.stop();
      }
    });
  });
});
