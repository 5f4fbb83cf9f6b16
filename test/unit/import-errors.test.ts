// The messages of file imports (server/import-errors.ts) as the 评价导入 page and `hcp import` show them: the
// particulars beside each message are shown in Chinese, never by their `details.*` names, and the page offers
// the template, so no message sends a web user to a command; a changed row's message gives advice an importing
// official can follow.
import assert from 'node:assert/strict';
import { IMPORT_ERROR_CATALOGUE } from '../../server/import-errors.ts';

/** Refusals only `hcp import` can meet: the page imports as the signed-in account, never an empty --by. */
const CLI_ONLY = new Set(['import.imported_by_required', 'import.imported_by_too_long']);

describe('the messages of file imports', () => {
  it('given every import error, then its message names no details.* field and no command of the CLI', () => {
    for (const [id, { message }] of Object.entries(IMPORT_ERROR_CATALOGUE)) {
      assert.doesNotMatch(message, /details\./, id);
      assert.doesNotMatch(message, /\bhcp\b/, id);
      if (!CLI_ONLY.has(id)) assert.doesNotMatch(message, /--\w/, id);
    }
  });

  it('given a whole file missing a column, then the message offers the template the 评价导入 page downloads', () => {
    assert.match(IMPORT_ERROR_CATALOGUE['import.missing_columns'].message, /模板.*“评价导入”页面下载/);
  });

  it('given a row changed since it was imported, then the message keeps the stored rating as evidence and sends a wrong entry to the appeal of a 差评 with a case, else to the supervising department; no appeal for the importer', () => {
    const { message } = IMPORT_ERROR_CATALOGUE['import.row_changed_after_import'];
    assert.doesNotMatch(message, /请按申诉复核程序处理/);
    assert.match(message, /存证保留，不作修改/);
    assert.match(message, /已立案的差评由责任单位.*申诉/);
    assert.match(message, /其他情形请报政务服务管理部门/);
  });
});
