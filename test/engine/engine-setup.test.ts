// The engine as the project builds it: admin user from configuration, webapps, JSON variables (Spin),
// and basic auth on the REST API when ENGINE_REST_AUTH is on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHarness, engineDatabaseUrl } from './harness.ts';
import { startEngineProcess } from '../../infra/engine-process.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';

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
    const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'json-probe.bpmn');
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

  it('given ENGINE_REST_AUTH, when a second engine starts with it, then REST needs the configured credentials', async () => {
    const port = Number(process.env.ENGINE_TEST_AUTH_PORT ?? 18081);
    const secured = await startEngineProcess({
      databaseUrl: engineDatabaseUrl(),
      port,
      restAuth: true,
      adminUser: 'admin',
      adminPassword: 'admin',
      log: () => undefined,
      logFile: '/tmp/hcp-test-engine-auth.log',
    });
    try {
      const anonymous = await fetch(`http://127.0.0.1:${port}/engine-rest/process-definition`);
      assert.equal(anonymous.status, 401);
      const wrong = createEngineClient({
        baseUrl: `http://127.0.0.1:${port}/engine-rest`,
        credentials: { username: 'admin', password: 'wrong' },
      });
      const client = createEngineClient({
        baseUrl: `http://127.0.0.1:${port}/engine-rest`,
        credentials: { username: 'admin', password: 'admin' },
      });
      const definitions = await client.processInstances({ processDefinitionKey: 'bad-review' });
      assert.ok(Array.isArray(definitions));
      // After a failed login the engine throttles further logins of that user for a few seconds, so the
      // wrong password comes last.
      // (GET /engine, the list of engine names, is open by design: the filter needs no engine for it.)
      await assert.rejects(wrong.processInstances({ processDefinitionKey: 'bad-review' }), /401/);
    } finally {
      await secured.stop();
    }
  });
});
