// Lookups gathered into one query (infra/batched-lookups.ts): keys asked for together share a query, keys
// asked for while the queries are busy share the next, every answer comes from a query that started after
// its call, and a failed query fails only its own callers.
import assert from 'node:assert/strict';
import { batchedLookups } from '../../infra/batched-lookups.ts';

/** A load the test completes by hand, recording which keys each query asked for. */
function manualLoad() {
  const queries: { keys: string[]; finish: (error?: Error) => void }[] = [];
  let version = 0;
  const load = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      const started = (version += 1);
      queries.push({
        keys,
        finish: (error) =>
          error ? reject(error) : resolve(new Map(keys.map((key) => [key, `${key}@${started}`]))),
      });
    });
  return { load, queries };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('batched lookups (infra/batched-lookups.ts)', () => {
  it('given keys asked for in one turn, then one query asks for them all, once each, and each caller gets its own answer', async () => {
    const { load, queries } = manualLoad();
    const lookup = batchedLookups(load);
    const answers = Promise.all(['a', 'b', 'a'].map((key) => lookup(key)));
    await turn();
    assert.deepEqual(
      queries.map((query) => query.keys),
      [['a', 'b']],
    );
    queries[0]!.finish();
    assert.deepEqual(await answers, ['a@1', 'b@1', 'a@1']);
  });

  it('given every query busy, then keys wait and go together in the next query, which starts after their calls', async () => {
    const { load, queries } = manualLoad();
    const lookup = batchedLookups(load, { maxInFlight: 1 });
    const first = lookup('a');
    await turn();
    const later = Promise.all([lookup('a'), lookup('c'), lookup('d')]);
    await turn();
    assert.equal(queries.length, 1, 'nothing more while the one query runs');
    queries[0]!.finish();
    assert.equal(await first, 'a@1');
    await turn();
    assert.deepEqual(queries[1]!.keys, ['a', 'c', 'd']);
    queries[1]!.finish();
    assert.deepEqual(
      await later,
      ['a@2', 'c@2', 'd@2'],
      'a asked for again is read again, not answered from the older query',
    );
  });

  it('given an unknown key, then undefined; given a failing query, then its callers fail and the next query serves the rest', async () => {
    const { load, queries } = manualLoad();
    const lookup = batchedLookups(
      async (keys: string[]) => new Map([...(await load(keys))].filter(([key]) => key !== 'none')),
      { maxInFlight: 1, maxBatch: 2 },
    );
    const calls = ['x', 'y', 'none'].map((key) => lookup(key));
    await turn();
    assert.deepEqual(queries[0]!.keys, ['x', 'y'], 'at most maxBatch keys a query');
    queries[0]!.finish(new Error('connection lost'));
    await assert.rejects(calls[0]!, /connection lost/);
    await assert.rejects(calls[1]!, /connection lost/);
    await turn();
    assert.deepEqual(queries[1]!.keys, ['none']);
    queries[1]!.finish();
    assert.equal(await calls[2], undefined);
  });

  it('given a load that throws at once, then its callers fail and later lookups still get queries', async () => {
    let calls = 0;
    const lookup = batchedLookups(
      (keys: string[]) => {
        calls += 1;
        if (calls <= 2) throw new Error('no connection');
        return Promise.resolve(new Map(keys.map((key) => [key, key.toUpperCase()])));
      },
      { maxInFlight: 1 },
    );
    await assert.rejects(lookup('a'), /no connection/);
    await assert.rejects(lookup('b'), /no connection/);
    assert.equal(await lookup('c'), 'C', 'the failed queries gave their place back');
  });
});
