// The app's connections read dates and times as ISO whatever DateStyle the database or its role is set to
// (a DBA's `alter database … set datestyle`): a rating's time or a deadline read as 28/11/2026 would be wrong
// or unreadable (infra/db.ts).
import assert from 'node:assert/strict';
import { createDb } from '../../infra/db.ts';
import { freshDatabase } from '../support/databases.ts';

describe('dates under any DateStyle (infra/db.ts)', () => {
  it('given a database set to DateStyle SQL, DMY, when the app reads a time, then it gets it right', async () => {
    const url = await freshDatabase('hcp_test_db_date_style');
    const admin = createDb(url, 1);
    const name = new URL(url).pathname.slice(1);
    await admin.raw(`alter database "${name}" set datestyle to 'SQL, DMY'`);
    await admin.destroy();
    const db = createDb(url, 2);
    try {
      const found = await db.raw<{ rows: { at: Date; style: string }[] }>(
        `select timestamptz '2026-11-28 09:30:00.123+08' as at, current_setting('datestyle') as style`,
      );
      const row = found.rows[0]!;
      assert.equal(row.style, 'ISO, YMD');
      assert.equal(row.at.toISOString(), '2026-11-28T01:30:00.123Z');
    } finally {
      await db.destroy();
    }
  });
});
