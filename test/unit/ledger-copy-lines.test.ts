// `hcp ledger verify` reads the ledger as COPY text (issue 5): each line decoded into the row the hash
// covers, escapes undone, NULL kept apart from the text "\N", so a row hashes as it was stored.
import assert from 'node:assert/strict';
import { copyField } from '../../infra/ledger/copy-out.ts';
import { copyLineToTextRow } from '../../infra/ledger/verify.ts';
import { toChainedRow } from '../../infra/ledger/text-rows.ts';
import { copyText } from '../../infra/stores/copy-from.ts';

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
});
