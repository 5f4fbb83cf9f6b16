// Time-ordered ids for appended rows (RFC 9562 version 7; infra/record-ids.ts): the bulk import's speed
// rests on ids that sort in the order they were made (issue 5).
import assert from 'node:assert/strict';
import { createRecordIdSource } from '../../infra/record-ids.ts';

const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const AT = Date.parse('2026-11-27T08:30:00.123+08:00');

/** The 48-bit millisecond time at the front of a version 7 UUID. */
const millisOf = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('record ids: time-ordered UUIDs (RFC 9562 version 7)', () => {
  it('given a clock, then the id is a version 7 UUID carrying that millisecond', () => {
    const id = createRecordIdSource(() => AT)();
    assert.match(id, VERSION_7);
    assert.equal(millisOf(id), AT);
  });

  it('given many ids in one millisecond, then they are distinct and sort in the order they were made', () => {
    const next = createRecordIdSource(() => AT);
    // More than the 12-bit counter holds: it runs out and the time moves one millisecond on.
    const ids = Array.from({ length: 5_000 }, () => next());
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ids);
    assert.ok(ids.every((id) => VERSION_7.test(id)));
    assert.equal(millisOf(ids[0]!), AT);
    assert.ok(millisOf(ids.at(-1)!) > AT, 'the counter ran out and the time went on');
  });

  it('given a clock that steps back, then ids still increase', () => {
    const times = [AT, AT + 5, AT - 1000, AT + 5, AT + 6];
    const next = createRecordIdSource(() => times.shift()!);
    const ids = Array.from({ length: 5 }, () => next());
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(millisOf(ids[2]!), AT + 5, 'the time stays at the latest it has seen');
    assert.equal(millisOf(ids[4]!), AT + 6);
  });

  it('given two sources, then their ids differ in their random part', () => {
    const first = createRecordIdSource(() => AT)();
    const second = createRecordIdSource(() => AT)();
    assert.notEqual(first.slice(19), second.slice(19));
  });
});
