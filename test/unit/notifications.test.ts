// The notification outbox's pure parts: the retry back-off and the status supervisors see.
import assert from 'node:assert/strict';
import {
  batchReminderKeyOf,
  reminderKeyOf,
  reminderTargetOf,
} from '../../infra/notifications/reminder-keys.ts';
import { notificationRetryDelayMs } from '../../infra/notifications/dispatcher.ts';
import { notificationStatus } from '../../server/api/notifications/presenter.ts';

describe('notification retries and status (issue 4)', () => {
  it('given repeated failures, when the next attempt is scheduled, then the wait doubles from 10 s up to 5 minutes', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 50].map(notificationRetryDelayMs),
      [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000],
    );
  });

  it('given a row, when its status is shown, then sent wins, then withdrawn, then failed-retrying after an attempt, else queued', () => {
    const at = new Date();
    assert.equal(notificationStatus({ sent_at: at, attempts: 3, withdrawn_at: null }), 'sent');
    assert.equal(notificationStatus({ sent_at: null, attempts: 1, withdrawn_at: at }), 'withdrawn');
    assert.equal(notificationStatus({ sent_at: null, attempts: 1, withdrawn_at: null }), 'failed-retrying');
    assert.equal(notificationStatus({ sent_at: null, attempts: 0, withdrawn_at: null }), 'queued');
  });
  it("given the keys of art. 10's reminders, then each names its 办件 or batch (a batch id with colons, and keys written before the window's date was in them), and other keys none", () => {
    const closes = new Date('2026-10-13T15:59:59Z');
    assert.deepEqual(reminderTargetOf(reminderKeyOf('SR-1:2')), { serviceRecordId: 'SR-1:2' });
    assert.equal(batchReminderKeyOf('B:7', 'ab12', closes), 'evaluation-reminder:batch:B:7:ab12:2026-10-13');
    assert.deepEqual(reminderTargetOf(batchReminderKeyOf('B:7', 'ab12', closes)), {
      batchId: 'B:7',
      windowDate: '2026-10-13',
    });
    assert.deepEqual(reminderTargetOf('evaluation-reminder:batch:B-9:ab12'), { batchId: 'B-9' });
    assert.equal(reminderTargetOf('verify-reminder:case-1'), undefined);
  });
});
