// Group commit of ratings (issue 5): ratings that arrive together share one transaction, and a refused one
// is answered alone while the others are taken and chained.
import assert from 'node:assert/strict';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import {
  badReviewBody,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import { verifyLedger } from '../../infra/ledger/verify.ts';

describe('ratings committed in groups (issue 5)', () => {
  let world: RatingApi;

  before(async () => {
    world = await startRatingApi('hcp_test_db_group_commit');
  });

  after(() => world.stop());

  it('given 20 ratings at once with one duplicate among them, then only the duplicate is refused and the chain holds', async () => {
    const records = Array.from({ length: 19 }, (_, index) => serviceRecordBody({ id: `SR-GC-${index}` }));
    for (const record of records) {
      assert.equal(
        (await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
        201,
      );
    }
    // A second rating of one 办件, not a resend of the first (which is answered with it): other words.
    const bodies = [
      ...records.map((record) => badReviewBody(record.id)),
      badReviewBody(records[7]!.id, { text: '另一条意见' }),
    ];
    const answers = await Promise.all(bodies.map((body) => postRating(world.api, world.protector, body)));
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 201).length, 19);
    const refused = answers.filter((answer) => answer.status !== 201);
    assert.deepEqual(
      refused.map((answer) => answer.body.error.id),
      ['evaluation.duplicate'],
    );
    assert.equal(Number((await world.db('cases').count({ n: '*' }))[0]!.n), 19);
    const verified = await verifyLedger(world.db);
    assert.equal(verified.ok, true);
    assert.equal(verified.rows, 19);
  });
});
