// Text PostgreSQL cannot keep as given (domain/text.ts): NUL and lone UTF-16 surrogates are found wherever
// they sit in a parsed body, keys included; a surrogate pair (an emoji) is ordinary text.
import assert from 'node:assert/strict';
import { isStorableText, unstorableTextPath } from '../../domain/text.ts';

describe('storable text (issue 5, bad input)', () => {
  it('given NUL or a lone surrogate, then the text is not storable; CJK text and surrogate pairs are', () => {
    for (const text of ['\u0000', 'a\u0000b', '\ud800', 'x\udbff', '\udc00y', '\udfff\ud800']) {
      assert.equal(isStorableText(text), false, JSON.stringify(text));
    }
    for (const text of ['', '服务很好', '👍', 'a\ud83d\udc4db', '\u200b', '\ufffd']) {
      assert.equal(isStorableText(text), true, JSON.stringify(text));
    }
  });

  it('given a parsed body, then the path of the first unstorable string or key is given, else null', () => {
    assert.equal(
      unstorableTextPath({ level: 'satisfied', tags: ['态度生硬'], rater: { name: '张三' } }),
      null,
    );
    assert.equal(unstorableTextPath({ tags: ['ok', 'bad\ud800'] }), 'tags.1');
    assert.equal(unstorableTextPath({ rater: { name: 'a\u0000' } }), 'rater.name');
    assert.equal(unstorableTextPath({ 'k\u0000': 1 }), 'k\u0000');
    assert.equal(unstorableTextPath('\udc00'), '');
    assert.equal(unstorableTextPath([1, null, true, { a: [['\u0000']] }]), '3.a.0.0');
    assert.equal(unstorableTextPath(undefined), null);
  });

  it('given a body nested a hundred thousand arrays deep, then it is walked without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`);
    assert.equal(unstorableTextPath(deep)?.split('.').length, 100_000);
  });
});
