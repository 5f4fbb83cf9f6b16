// The modeler builds its lists as markup: a model's or a user's name must arrive there as text (stored XSS).
import assert from 'node:assert/strict';
import { escapeHtml } from '../../modeler-ui/src/html.ts';

describe('names in the modeler’s markup (issue 7)', () => {
  it('given a process named with markup, then it is escaped to text', () => {
    assert.equal(
      escapeHtml('<img src=x onerror="alert(1)">流程\'s'),
      '&#60;img src=x onerror=&#34;alert(1)&#34;&#62;流程&#39;s',
    );
  });
});
