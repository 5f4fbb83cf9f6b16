// A partner platform's 评价时间 (GB/T 39046 table 9): ISO 8601 with its zone, or YYYYMMDDThhmmss in Beijing time
// whatever the server's zone; never in the future, never older than 30 days.
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.ts';
import { reportedRatingTime } from '../../domain/evaluation/reported-rating-time.ts';

const NOW = new Date('2026-11-27T10:00:00+08:00');
const refusedAs = (id: string) => (error: unknown) => error instanceof DomainError && error.id === id;

describe('partner rating times (issue 5, GB/T 39046 评价时间)', () => {
  it('given ISO 8601 with a zone or GB/T 39046 in Beijing time, then the instant', () => {
    assert.equal(
      reportedRatingTime('2026-11-26T10:30:00+08:00', NOW).toISOString(),
      '2026-11-26T02:30:00.000Z',
    );
    assert.equal(reportedRatingTime('2026-11-26T02:30Z', NOW).toISOString(), '2026-11-26T02:30:00.000Z');
    assert.equal(reportedRatingTime(' 20261126T103000 ', NOW).toISOString(), '2026-11-26T02:30:00.000Z');
  });

  it('given no zone, an impossible date or another form, then evaluation.rated_at_invalid', () => {
    for (const text of ['2026-11-26T10:30:00', '20261131T103000', '2026/11/26 10:30', '昨天']) {
      assert.throws(() => reportedRatingTime(text, NOW), refusedAs('evaluation.rated_at_invalid'), text);
    }
  });

  it('given a time ahead of now beyond a clock’s few minutes, or older than 30 days, then evaluation.rated_at_out_of_range', () => {
    assert.equal(
      reportedRatingTime('2026-11-27T10:04:00+08:00', NOW).toISOString(),
      '2026-11-27T02:04:00.000Z',
    );
    for (const text of ['2026-11-27T10:06:00+08:00', '2026-10-27T09:59:00+08:00']) {
      assert.throws(() => reportedRatingTime(text, NOW), refusedAs('evaluation.rated_at_out_of_range'), text);
    }
  });
});
