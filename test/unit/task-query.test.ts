// The task list's query (issue 6): a date filter must name a real day, or the list answers 400, not 500.
import assert from 'node:assert/strict';
import { taskListQuery } from '../../server/api/tasks/task-query.ts';

describe('the task list query (issue 6)', () => {
  it('given a day that does not exist (2026-02-30, 2026-13-01), then it is refused naming the field, in Chinese; a real day passes', () => {
    for (const day of ['2026-02-30', '2026-13-01', '2026-00-10']) {
      const parsed = taskListQuery.safeParse({ createdFrom: day, createdTo: '2026-11-27' });
      assert.equal(parsed.success, false, day);
      assert.deepEqual(
        parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
        [['createdFrom', '日期无效：没有这一天']],
      );
    }
    assert.equal(taskListQuery.parse({ createdFrom: '2024-02-29' }).createdFrom, '2024-02-29');
  });
});
