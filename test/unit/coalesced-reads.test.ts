// Callers asking together share one read, and never get an answer older than their call
// (infra/coalesced-reads.ts; the calendar in force asks once per rating: issue 5, ratings over HTTP).
import assert from 'node:assert/strict';
import { coalescedReads } from '../../infra/coalesced-reads.ts';

/** A read whose answers the test gives, one per read started, in order. */
function controlledRead() {
  const pending: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  let started = 0;
  const read = () => {
    started += 1;
    return new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const settleNext = async (outcome: number | Error) => {
    const reader = pending.shift();
    assert.ok(reader, 'a read is under way');
    if (outcome instanceof Error) reader.reject(outcome);
    else reader.resolve(outcome);
    // Let the callers' continuations and a queued read's start run (every microtask runs before this).
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { read, settleNext, started: () => started };
}

describe('coalesced reads: one read for the callers that ask together', () => {
  it('given no read under way, when asked, then one read starts and its answer comes back', async () => {
    const source = controlledRead();
    const ask = coalescedReads(source.read);
    const answer = ask();
    await source.settleNext(1);
    assert.equal(await answer, 1);
    assert.equal(source.started(), 1);
  });

  it('given a read under way, when three more callers ask, then they share the one read that starts after it, not the older answer', async () => {
    const source = controlledRead();
    const ask = coalescedReads(source.read);
    const first = ask();
    const later = [ask(), ask(), ask()];
    assert.equal(source.started(), 1, 'nothing more starts while the first read runs');
    await source.settleNext(1);
    assert.equal(await first, 1);
    assert.equal(source.started(), 2, 'one read for the three');
    await source.settleNext(2);
    assert.deepEqual(await Promise.all(later), [2, 2, 2]);
    // when the reads are done, then the next caller starts its own
    const again = ask();
    assert.equal(source.started(), 3);
    await source.settleNext(3);
    assert.equal(await again, 3);
  });

  it('given a read that fails, then its callers hear of it, the callers queued behind it still get a read, and a later call starts afresh', async () => {
    const source = controlledRead();
    const ask = coalescedReads(source.read);
    const failing = ask();
    const queued = ask();
    await source.settleNext(new Error('connection refused'));
    await assert.rejects(failing, /connection refused/);
    await source.settleNext(7);
    assert.equal(await queued, 7);
    const fresh = ask();
    await source.settleNext(8);
    assert.equal(await fresh, 8);
    assert.equal(source.started(), 3);
  });
});
