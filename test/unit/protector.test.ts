// Encryption at rest, key rotation and the phone lookup hash (art. 24, docs/privacy.md).
import assert from 'node:assert/strict';
import { readConfig } from '../../infra/config.ts';
import { createProtector, parseKeyring } from '../../infra/protector.ts';

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
