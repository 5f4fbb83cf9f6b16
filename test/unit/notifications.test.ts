// The notification outbox's pure parts: the retry back-off and the status supervisors see.
import assert from 'node:assert/strict';
import { notificationRetryDelayMs } from '../../infra/notifications/dispatcher.ts';
import { notificationStatus } from '../../server/api/notifications/presenter.ts';

describe('notification retries and status (issue 4)', () => {
  it('given repeated failures, when the next attempt is scheduled, then the wait doubles from 10 s up to 5 minutes', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 50].map(notificationRetryDelayMs),
      [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000],
    );
  });

  it('given a row, when its status is shown, then sent wins, then failed-retrying after an attempt, else queued', () => {
    assert.equal(notificationStatus({ sent_at: new Date(), attempts: 3 }), 'sent');
    assert.equal(notificationStatus({ sent_at: null, attempts: 1 }), 'failed-retrying');
    assert.equal(notificationStatus({ sent_at: null, attempts: 0 }), 'queued');
  });
});
