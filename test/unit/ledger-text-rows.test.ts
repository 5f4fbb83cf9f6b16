// Decoding ledger rows from PostgreSQL's text (issue 5): the same values node-postgres' own parsers give,
// so `hcp ledger verify` hashes exactly what the app stored.
import assert from 'node:assert/strict';
import pg from 'pg';
import { parseTextArray, parseUtcTimestamp } from '../../infra/ledger/text-rows.ts';

// 1009: text[]; not among pg's named builtins.
const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];
const pgTextArray = pg.types.getTypeParser(TEXT_ARRAY) as (value: string) => unknown;

describe('ledger rows in text (issue 5)', () => {
  it('given text[] literals, then they decode as node-postgres decodes them', () => {
    for (const literal of [
      '{}',
      '{态度生硬}',
      '{态度生硬,等待时间长}',
      '{"a b",c}',
      '{"say \\"hi\\"","back\\\\slash",NULL,""}',
      '{"{braces}","comma, inside"}',
    ]) {
      assert.deepEqual(parseTextArray(literal), pgTextArray(literal), literal);
    }
  });

  it('given UTC timestamps with and without fractions, then the millisecond is kept', () => {
    assert.equal(parseUtcTimestamp('2026-11-01 01:00:00+00').toISOString(), '2026-11-01T01:00:00.000Z');
    assert.equal(parseUtcTimestamp('2026-11-01 01:00:00.5+00').toISOString(), '2026-11-01T01:00:00.500Z');
    assert.equal(parseUtcTimestamp('2026-11-01 01:00:00.123+00').toISOString(), '2026-11-01T01:00:00.123Z');
    assert.equal(
      parseUtcTimestamp('2026-11-01 01:00:00.123456+00').toISOString(),
      '2026-11-01T01:00:00.123Z',
    );
    assert.throws(() => parseUtcTimestamp('2026-11-01 09:00:00+08'), /UTC/);
  });
});
