// `hcp ledger verify` reads the ledger as COPY text (issue 5): each line decoded into the row the hash
// covers, escapes undone, NULL kept apart from the text "\N", so a row hashes as it was stored.
import assert from 'node:assert/strict';
import { copyField } from '../../infra/ledger/copy-out.ts';
import { copyLineToTextRow } from '../../infra/ledger/verify.ts';
import { toChainedRow } from '../../infra/ledger/text-rows.ts';
import { copyPayload, copyText } from '../../infra/stores/copy-from.ts';
import { textArrayLiteral } from '../../infra/stores/text-array.ts';

describe('ledger rows in COPY text format (issue 5)', () => {
  it('given escaped fields, then tabs, line breaks, backslashes and octal escapes are undone and \\N is NULL', () => {
    assert.equal(copyField('\\N'), null);
    assert.equal(copyField('\\\\N'), '\\N');
    assert.equal(copyField('a\\tb\\nc\\rd\\\\e'), 'a\tb\nc\rd\\e');
    assert.equal(copyField('\\101\\x42'), 'AB');
    assert.equal(copyField('第一行'), '第一行');
  });

  it('given any text written with copyText (bulk imports), then copyField reads back the same text', () => {
    for (const text of [
      '',
      'plain',
      'tab\there',
      'line\nbreak\r',
      'back\\slash',
      '\\N',
      '"quoted"',
      '混合\t\\n',
    ]) {
      assert.equal(copyField(copyText(text)), text);
    }
  });

  it('given a ledger line, then it decodes to the chained row with tags, NULL contact and UTC time', () => {
    const line = [
      '00000000-0000-4000-8000-000000000001',
      '7',
      'SR-1',
      'service',
      'paper-form',
      'dissatisfied',
      '{态度生硬,"a \\\\"b\\\\""}',
      '等了\\t两个小时\\n',
      't',
      '\\N',
      'v1:abc',
      '2026-11-01 01:00:00.123+00',
      '0'.repeat(64),
      'f'.repeat(64),
    ].join('\t');
    const row = toChainedRow(copyLineToTextRow(line));
    assert.equal(row.sequence, 7n);
    assert.deepEqual(row.tags, ['态度生硬', 'a "b"']);
    assert.equal(row.text, '等了\t两个小时\n');
    assert.equal(row.realName, true);
    assert.equal(row.raterNameEncrypted, null);
    assert.equal(row.raterPhoneEncrypted, 'v1:abc');
    assert.equal(row.ratedAt.toISOString(), '2026-11-01T01:00:00.123Z');
  });

  it('given rows for a COPY, then the payload is their lines in UTF-8, in blocks, however the lines fall across them', () => {
    // 3,000 lines of about 1,000 code units, every third one Chinese: several blocks of a megabyte.
    // The first line alone is over a block (and four-byte characters are in it), so it opens a block of its own.
    const rows = Array.from({ length: 3_000 }, (_, index) => [
      index,
      index === 0 ? '😀评'.repeat(200_000) : index % 3 === 0 ? '评'.repeat(1_000) : 'x'.repeat(1_000),
      'tab\there',
      null,
      index % 2 === 0,
    ]);
    const blocks = copyPayload(rows);
    assert.ok(blocks.length > 2, `${blocks.length} blocks`);
    assert.ok(blocks[0]!.length > 1_000_000 && blocks.every((block) => block.length > 0));
    const lines = Buffer.concat(blocks).toString('utf8').split('\n');
    assert.equal(lines.pop(), '', 'the payload ends with a line break');
    assert.equal(lines.length, rows.length);
    lines.forEach((line, index) => {
      const [number, text, escaped, missing, flag] = line.split('\t');
      assert.equal(Number(number), index);
      assert.equal(text, rows[index]![1]);
      assert.equal(copyField(escaped!), 'tab\there');
      assert.equal(copyField(missing!), null);
      assert.equal(flag, String(index % 2 === 0));
    });
  });

  it('given ids, then the text[] literal quotes each and escapes quotes and backslashes only where there are any', () => {
    assert.equal(textArrayLiteral([]), '{}');
    assert.equal(textArrayLiteral(['SR-1', 'a,b', '{c}', 'NULL']), '{"SR-1","a,b","{c}","NULL"}');
    assert.equal(
      textArrayLiteral(['say "hi"', 'back\\slash', '办件']),
      '{"say \\"hi\\"","back\\\\slash","办件"}',
    );
  });
});
