import assert from 'node:assert/strict';
import net from 'node:net';
import { acceptsConnections } from '../../infra/engine-process.ts';
import { readConfig, engineRestUrl, ConfigError, localEngineUrl } from '../../infra/config.ts';
import { createProtector } from '../../infra/protector.ts';
import { formatEngineDate, toEngineVariable } from '../../infra/engine-variables.ts';
import { engineDatabaseName, toJdbc } from '../../infra/database-urls.ts';
import { retryDelayMs } from '../../infra/outbox/drain-loop.ts';

describe('configuration', () => {
  it('given no environment, then the documented defaults hold', () => {
    const config = readConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.enginePort, 8080);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.engineRestAuth, false);
    assert.equal(engineRestUrl(config), 'http://127.0.0.1:8080/engine-rest');
  });

  it('given ENGINE_URL with or without /engine-rest, then the REST base is the same', () => {
    assert.equal(
      engineRestUrl(readConfig({ ENGINE_URL: 'http://engine:9000/' })),
      'http://engine:9000/engine-rest',
    );
    assert.equal(
      engineRestUrl(readConfig({ ENGINE_URL: 'http://engine:9000/engine-rest' })),
      'http://engine:9000/engine-rest',
    );
  });

  it("given HALL_NETWORKS, then the halls' networks are read; a value that is no network stops the start naming it", () => {
    assert.deepEqual(readConfig({}).hallNetworks, [], 'none unless configured');
    const { hallNetworks } = readConfig({ HALL_NETWORKS: '203.0.113.0/28, 2001:db8:4a11::/48' });
    assert.deepEqual(
      hallNetworks.map(({ text }) => text),
      ['203.0.113.0/28', '2001:db8:4a11::/48'],
    );
    assert.throws(
      () => readConfig({ HALL_NETWORKS: '203.0.113.0/28,大厅WiFi' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /HALL_NETWORKS/.test(error.message) &&
        /「大厅WiFi」/.test(error.message),
    );
  });

  it('given PUBLIC_BASE_URL with a path, then start fails naming it: the pages call the API from the root', () => {
    assert.equal(
      readConfig({ PUBLIC_BASE_URL: 'https://pj.example.gov.cn/' }).publicBaseUrl,
      'https://pj.example.gov.cn',
    );
    assert.equal(
      readConfig({ PUBLIC_BASE_URL: 'http://10.0.0.5:8080' }).publicBaseUrl,
      'http://10.0.0.5:8080',
    );
    for (const value of ['https://pj.example.gov.cn/hcp', 'https://pj.example.gov.cn/?a=1']) {
      assert.throws(
        () => readConfig({ PUBLIC_BASE_URL: value }),
        (error: unknown) => error instanceof ConfigError && /PUBLIC_BASE_URL/.test(error.message),
        value,
      );
    }
  });

  it('given a bad value, then start fails naming the variable', () => {
    assert.throws(
      () => readConfig({ PORT: 'eighty' }),
      (error: unknown) => error instanceof ConfigError && /PORT/.test(error.message),
    );
    assert.throws(() => readConfig({ NODE_ENV: 'production' }), /HCP_ENCRYPTION_KEY/);
    const developmentKey = readConfig({}).encryptionKeys[0]!.keyHex;
    const production = (keys: Record<string, string>) =>
      readConfig({
        NODE_ENV: 'production',
        ...keys,
        HOTLINE_URL: 'https://12345.example',
        HOTLINE_SECRET: 'a-real-shared-secret',
        PUBLIC_BASE_URL: 'https://hcp.example',
      });
    const developmentKeyFirst: Record<string, string>[] = [
      { HCP_ENCRYPTION_KEY: developmentKey },
      { HCP_ENCRYPTION_KEYS: `v2:${developmentKey.toUpperCase()},v1:${'c'.repeat(64)}` },
      // Even behind a newer key: the oldest keys the lookup hashes of phones and accounts.
      { HCP_ENCRYPTION_KEYS: `v2:${'c'.repeat(64)},v1:${developmentKey}` },
    ];
    for (const keys of developmentKeyFirst) {
      assert.throws(
        () => production(keys),
        /不得使用开发密钥/,
        'the key in this repository protects nothing',
      );
    }
    production({ HCP_ENCRYPTION_KEYS: `v2:${'d'.repeat(64)},v1:${'c'.repeat(64)}` });
    assert.equal(readConfig({}).trustProxy, undefined, 'no proxy trusted unless configured');
    assert.equal(readConfig({ TRUST_PROXY: 'loopback' }).trustProxy, 'loopback');
    assert.equal(readConfig({ TRUST_PROXY: '1' }).trustProxy, 1, 'a number of hops');
    assert.throws(
      () =>
        readConfig({
          NODE_ENV: 'production',
          HCP_ENCRYPTION_KEY: 'c'.repeat(64),
          HOTLINE_URL: 'https://12345.example',
          HOTLINE_SECRET: 'a-real-shared-secret',
        }),
      /PUBLIC_BASE_URL/,
      'QR codes would point at this machine',
    );
  });

  it('given ENGINE_BIND_ADDRESS, then an IP address or a host name is taken and anything else stops the start', () => {
    assert.equal(readConfig({}).engineBindAddress, '127.0.0.1', 'this machine only by default');
    for (const address of ['0.0.0.0', '10.1.2.3', '::', '::1', 'engine.internal', 'localhost']) {
      assert.equal(readConfig({ ENGINE_BIND_ADDRESS: address }).engineBindAddress, address);
    }
    for (const address of ['', 'http://engine', 'engine host', '300.1.1.1', '127.0.0.1:8080']) {
      assert.throws(
        () => readConfig({ ENGINE_BIND_ADDRESS: address }),
        (error: unknown) => error instanceof ConfigError && /ENGINE_BIND_ADDRESS/.test(error.message),
        `${JSON.stringify(address)} is refused`,
      );
    }
  });

  it('given the bind address, then the started engine is reached there, or over the loopback when it listens on all', () => {
    assert.equal(localEngineUrl('0.0.0.0', 8080), 'http://127.0.0.1:8080');
    assert.equal(localEngineUrl('::', 8080), 'http://127.0.0.1:8080');
    assert.equal(localEngineUrl('::1', 8080), 'http://[::1]:8080');
    assert.equal(
      engineRestUrl(readConfig({ ENGINE_BIND_ADDRESS: '10.1.2.3', ENGINE_PORT: '9090' })),
      'http://10.1.2.3:9090/engine-rest',
    );
    assert.equal(
      engineRestUrl(readConfig({ ENGINE_BIND_ADDRESS: '10.1.2.3', ENGINE_URL: 'http://engine:9000' })),
      'http://engine:9000/engine-rest',
      'ENGINE_URL: an engine elsewhere, whatever the bind address',
    );
  });

  it('given DATABASE_URL, then the engine gets its own database on the same server', () => {
    assert.equal(engineDatabaseName('postgres://u:p@db:5432/hcp', undefined), 'hcp_engine');
    assert.deepEqual(toJdbc('postgres://u:p%40ss@db:6543/hcp_engine'), {
      jdbcUrl: 'jdbc:postgresql://db:6543/hcp_engine',
      user: 'u',
      password: 'p@ss',
    });
  });
});

describe('encryption at rest', () => {
  const protector = createProtector('c'.repeat(64));

  it('given a phone number, then it round-trips and never appears in the stored form', () => {
    const stored = protector.encrypt('13812345678');
    assert.ok(!stored.includes('13812345678'));
    assert.notEqual(stored, protector.encrypt('13812345678'), 'a fresh IV each time');
    assert.equal(protector.decrypt(stored), '13812345678');
  });

  it('given a tampered ciphertext, then decryption refuses it', () => {
    const stored = protector.encrypt('13812345678');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    assert.throws(() => protector.decrypt(`v1:${raw.toString('base64')}`));
  });
});

describe('engine variables and the outbox', () => {
  it('given a date, then the engine gets it in its format in Asia/Shanghai', () => {
    assert.equal(formatEngineDate(new Date('2026-11-30T15:59:59Z')), '2026-11-30T23:59:59.000+0800');
    assert.deepEqual(toEngineVariable({ a: 1 }), { value: '{"a":1}', type: 'Json' });
    assert.deepEqual(toEngineVariable(3), { value: 3, type: 'Long' });
  });

  it('given repeated failures to start a case, then retries back off and are capped', () => {
    assert.deepEqual([0, 1, 2, 3, 10].map(retryDelayMs), [1000, 2000, 4000, 8000, 30_000]);
  });
});

describe('building the web UIs', () => {
  it("given a build that sets NODE_ENV (as Vite's does), then NODE_ENV is as it was afterwards, set or not", async () => {
    const { keepingNodeEnv } = await import('../../infra/ui-build.ts');
    const original = process.env.NODE_ENV;
    try {
      delete process.env.NODE_ENV;
      await keepingNodeEnv(async () => {
        process.env.NODE_ENV = 'production';
      });
      assert.equal(process.env.NODE_ENV, undefined);
      process.env.NODE_ENV = 'development';
      await assert.rejects(
        keepingNodeEnv(async () => {
          process.env.NODE_ENV = 'production';
          throw new Error('build failed');
        }),
      );
      assert.equal(process.env.NODE_ENV, 'development');
    } finally {
      if (original === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = original;
    }
  });
});

describe('the engine’s stop watches its database server', () => {
  it('given a server that listens, then it accepts connections; once closed, it does not', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const url = `postgres://postgres@127.0.0.1:${port}/hcp`;
    assert.equal(await acceptsConnections(url), true);
    await new Promise((resolve) => server.close(resolve));
    assert.equal(await acceptsConnections(url), false);
  });
});
