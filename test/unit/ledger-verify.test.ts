// The ledger verifier on made-up chains (issue 5): it finds the first broken link and says what broke.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalRow, chainHash, GENESIS_HASH } from '../../domain/evaluation/ledger.ts';
import {
  createLedgerVerifier,
  describeLinkProblem,
  type ChainedLedgerRow,
} from '../../domain/evaluation/ledger-verify.ts';
import { chainedLedgerRows } from '../support/ledger-rows.ts';

function verify(rows: Iterable<ChainedLedgerRow>) {
  const verifier = createLedgerVerifier();
  for (const row of rows) if (!verifier.push(row)) break;
  return verifier;
}

const rowsOf = (count: number) => [...chainedLedgerRows(count)];

describe('ledger verifier (issue 5)', () => {
  it('given a row, then its chain hash is sha256 over previous hash, newline, canonical row, as first stored', () => {
    const row = rowsOf(2)[1]!;
    const streamed = createHash('sha256')
      .update(row.previousHash)
      .update('\n')
      .update(canonicalRow(row))
      .digest('hex');
    assert.equal(chainHash(row.previousHash, row), streamed);
  });

  it('given a row that rated no dimension, then its canonical row is the eleven fields of the first ledger version; with dimensions, a twelfth in fixed order', () => {
    const row = { ...rowsOf(1)[0]!, dimensions: null };
    const eleven = JSON.stringify([
      row.id,
      row.serviceRecordId,
      row.target,
      row.channel,
      row.level,
      row.tags,
      row.text,
      row.realName,
      row.raterNameEncrypted,
      row.raterPhoneEncrypted,
      row.ratedAt.toISOString(),
    ]);
    assert.equal(canonicalRow(row), eleven);
    assert.equal(canonicalRow({ ...row, dimensions: {} }), eleven, 'none rated is no dimensions');
    const rated = { ...row, dimensions: { environment: 'satisfied', attitude: 'dissatisfied' } as const };
    assert.equal(
      canonicalRow(rated),
      `${eleven.slice(0, -1)},["dissatisfied",null,null,"satisfied"]]`,
      'attitude, quality, efficiency, environment',
    );
    assert.notEqual(chainHash(row.previousHash, rated), chainHash(row.previousHash, row));
  });

  it('given an intact chain, then every row verifies and the head is the last row', () => {
    const rows = rowsOf(50);
    const verifier = verify(rows);
    assert.equal(verifier.firstBroken, undefined);
    assert.equal(verifier.rows, 50);
    assert.deepEqual(verifier.head, { sequence: 50n, hash: rows[49]!.hash });
  });

  it('given no rows, then it is intact with no head', () => {
    const verifier = verify([]);
    assert.equal(verifier.firstBroken, undefined);
    assert.equal(verifier.head, undefined);
  });

  it('given sequence numbers skipped by refused ratings, when the rows still link, then it is intact', () => {
    const verifier = verify(chainedLedgerRows(20, { sequenceOf: (index) => BigInt(index * 3 + 5) }));
    assert.equal(verifier.firstBroken, undefined);
    assert.equal(verifier.rows, 20);
  });

  it('given a changed level, then verify stops at exactly that row with a hash mismatch', () => {
    const rows = rowsOf(30);
    rows[12] = { ...rows[12]!, level: 'very-satisfied' };
    const verifier = verify(rows);
    assert.equal(verifier.firstBroken?.sequence, 13n);
    assert.equal(verifier.firstBroken?.id, rows[12]!.id);
    assert.equal(verifier.firstBroken?.problem.kind, 'hash-mismatch');
    assert.equal(verifier.rows, 13, 'rows after the break are not read');
    assert.equal(verifier.head?.sequence, 12n);
  });

  it('given a changed row whose hash was recomputed too, then the next row no longer links', () => {
    const rows = rowsOf(10);
    const changed = { ...rows[4]!, text: '很满意' };
    rows[4] = { ...changed, hash: chainHash(changed.previousHash, changed) };
    const broken = verify(rows).firstBroken;
    assert.equal(broken?.sequence, 6n);
    assert.equal(broken?.problem.kind, 'previous-hash-mismatch');
    assert.match(describeLinkProblem(broken!.problem), /not the hash of sequence 5/);
  });

  it('given a row removed from the middle, then the row after the hole is a gap', () => {
    const rows = rowsOf(10);
    rows.splice(6, 1);
    const broken = verify(rows).firstBroken;
    assert.equal(broken?.sequence, 8n);
    assert.equal(broken?.problem.kind, 'gap');
    assert.match(describeLinkProblem(broken!.problem), /rows missing after sequence 6/);
  });

  it('given the first rows removed, then the new first row is a gap before it', () => {
    const broken = verify(rowsOf(5).slice(2)).firstBroken;
    assert.equal(broken?.sequence, 3n);
    assert.equal(broken?.problem.kind, 'gap');
    assert.equal(broken?.problem.kind === 'gap' && broken.problem.expected, GENESIS_HASH);
  });

  it('given two rows that swapped sequence numbers, then the first of them no longer links', () => {
    const rows = rowsOf(5);
    [rows[2], rows[3]] = [
      { ...rows[3]!, sequence: 3n },
      { ...rows[2]!, sequence: 4n },
    ];
    const broken = verify(rows).firstBroken;
    assert.equal(broken?.sequence, 3n);
    assert.equal(broken?.problem.kind, 'previous-hash-mismatch');
  });

  it('given rows not in ascending sequence order, then the verifier says so', () => {
    assert.equal(verify([...rowsOf(3), rowsOf(3)[1]!]).firstBroken?.problem.kind, 'out-of-order');
  });

  it('given a broken chain, when more rows are pushed, then they are ignored', () => {
    const verifier = createLedgerVerifier();
    const rows = rowsOf(3);
    assert.equal(verifier.push({ ...rows[0]!, hash: 'f'.repeat(64) }), false);
    assert.equal(verifier.push(rows[1]!), false);
    assert.equal(verifier.rows, 1);
  });
});
