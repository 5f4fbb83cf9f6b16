// Encryption at rest, key rotation and the phone lookup hash (art. 24, docs/privacy.md).
import assert from 'node:assert/strict';
import { readConfig } from '../../infra/config.ts';
import { createProtector, parseKeyring } from '../../infra/protector.ts';
import {
  normalizeRatingCode,
  printedRatingCode,
  typedServiceRecordId,
} from '../../domain/evaluation/rating-code.ts';

const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);

describe('protector: keyring and lookup hash (art. 24)', () => {
  it('given one key, then values are v1: and decrypt; the stored form never shows the value', () => {
    const protector = createProtector(V1);
    const stored = protector.encrypt('13812345678');
    assert.match(stored, /^v1:/);
    assert.doesNotMatch(stored, /13812345678/);
    assert.equal(protector.decrypt(stored), '13812345678');
  });

  it('given a ring v2,v1, then new values are v2, old v1 values still decrypt and are stale', () => {
    const old = createProtector(V1).encrypt('张三');
    const rotated = createProtector(parseKeyring(`v2:${V2},v1:${V1}`));
    const fresh = rotated.encrypt('张三');
    assert.match(fresh, /^v2:/);
    assert.equal(rotated.decrypt(old), '张三');
    assert.equal(rotated.decrypt(fresh), '张三');
    assert.equal(rotated.isStale(old), true);
    assert.equal(rotated.isStale(fresh), false);
    assert.throws(() => createProtector(V2).decrypt(old), /authenticate|unsupported|bad decrypt/i);
    assert.throws(() => rotated.decrypt(`v3:${fresh.slice(3)}`), /unknown protected-value version: v3/);
  });

  it('given a rotation that keeps v1 in the ring, then the lookup hash stays the same', () => {
    const before = createProtector(V1).lookupHash('13812345678');
    assert.equal(createProtector(parseKeyring(`v2:${V2},v1:${V1}`)).lookupHash('13812345678'), before);
    assert.notEqual(
      createProtector(V2).lookupHash('13812345678'),
      before,
      'keyed: another key, another hash',
    );
    assert.match(before, /^[0-9a-f]{64}$/);
  });

  it('given a 办件, then its 评价码 is 8 digits, its own, keyed, and the same after a rotation that keeps v1', () => {
    const protector = createProtector(V1);
    const code = protector.ratingCode('SR-2026-000001');
    assert.match(code, /^[0-9]{8}$/);
    assert.equal(protector.ratingCode('SR-2026-000001'), code, 'stable');
    assert.notEqual(protector.ratingCode('SR-2026-000002'), code, 'the next number, another code');
    assert.equal(createProtector(parseKeyring(`v2:${V2},v1:${V1}`)).ratingCode('SR-2026-000001'), code);
    assert.notEqual(createProtector(V2).ratingCode('SR-2026-000001'), code, 'another key, another code');
    const codes = new Set(Array.from({ length: 2000 }, (_, n) => protector.ratingCode(`SR-${n}`)));
    assert.ok(codes.size >= 1999, 'spread over the 10^8 codes');
    const leading = Array.from({ length: 2000 }, (_, n) => protector.ratingCode(`SR-${n}`)[0]);
    assert.ok(new Set(leading).size === 10, 'every first digit occurs, zero included (padded)');
  });

  it('given the reminder SMS’s code, then it is another code of the 办件, known as the SMS’s', () => {
    const protector = createProtector(V1);
    const sms = protector.smsRatingCode('SR-1');
    assert.match(sms, /^[0-9]{8}$/);
    assert.notEqual(sms, protector.ratingCode('SR-1'));
    assert.equal(protector.ratingCodeSource('SR-1', sms), 'sms');
    assert.equal(protector.ratingCodeSource('SR-2', sms), undefined, 'its own 办件 only');
    assert.equal(
      createProtector(parseKeyring(`v2:${V2},v1:${V1}`)).smsRatingCode('SR-1'),
      sms,
      'kept over a rotation',
    );
  });

  it('given a keyring listed oldest first, then it is refused, so codes and lookup hashes do not change unnoticed', () => {
    assert.throws(() => parseKeyring(`v1:${V1},v2:${V2}`), /newest first/);
    assert.throws(() => parseKeyring(`v3:${V2},v1:${V1},v2:${V1.replace('0', '1')}`), /newest first/);
    assert.deepEqual(
      parseKeyring(`v10:${V2},v9:${V1}`).map((key) => key.version),
      ['v10', 'v9'],
    );
  });

  it('given a 评价码 as people type it, then spaces, hyphens and full-width digits are taken; any other text is not', () => {
    const protector = createProtector(V1);
    const code = protector.ratingCode('SR-1');
    const spaced = `${code.slice(0, 4)} ${code.slice(4)}`;
    const fullWidth = [...code].map((digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)).join('');
    const dashed = (dash: string) => `${code.slice(0, 4)}${dash}${code.slice(4)}`;
    for (const typed of [
      code,
      spaced,
      ` ${code} `,
      dashed('-'),
      dashed('\u2013'), // en dash
      dashed('\u2212'), // minus sign
      dashed('\u2010'), // hyphen
      dashed('\uff0d'), // full-width hyphen-minus
      dashed('\u200b'), // zero-width space
      dashed('\u3000'), // ideographic space
      fullWidth,
    ]) {
      assert.equal(protector.ratingCodeSource('SR-1', typed), 'receipt', typed);
    }
    for (const typed of [
      '',
      code.slice(1),
      `${code}0`,
      protector.ratingCode('SR-2'),
      'abcdefgh',
      `${code}\n0`,
    ]) {
      assert.equal(protector.ratingCodeSource('SR-1', typed), undefined, typed);
    }
    assert.equal(normalizeRatingCode('1234 5678'), '12345678');
    assert.equal(normalizeRatingCode('1234567'), undefined);
    assert.equal(printedRatingCode('01234567'), '0123 4567');
    assert.equal(typedServiceRecordId(' ＳＲ－２０２６－０００００１ '), 'SR-2026-000001');
  });

  it('given malformed rings, then parseKeyring refuses them', () => {
    assert.throws(() => parseKeyring(''), /empty/);
    assert.throws(() => parseKeyring(`v1:${V1},v1:${V2}`), /repeats/);
    assert.throws(() => parseKeyring('v1:abc'), /v<N>:<64 hex/);
  });

  it('given HCP_ENCRYPTION_KEYS, then the configuration holds the ring; HCP_ENCRYPTION_KEY alone is v1', () => {
    assert.deepEqual(readConfig({ HCP_ENCRYPTION_KEYS: `v2:${V2},v1:${V1}` }).encryptionKeys, [
      { version: 'v2', keyHex: V2 },
      { version: 'v1', keyHex: V1 },
    ]);
    assert.deepEqual(readConfig({ HCP_ENCRYPTION_KEY: V1 }).encryptionKeys, [{ version: 'v1', keyHex: V1 }]);
    assert.throws(() => readConfig({ HCP_ENCRYPTION_KEYS: 'v2:xyz' }), /HCP_ENCRYPTION_KEYS/);
    assert.throws(
      () => readConfig({ HCP_ENCRYPTION_KEY: V1, HCP_ENCRYPTION_KEYS: `v1:${V1}` }),
      /只能设置其一/,
    );
  });
});
