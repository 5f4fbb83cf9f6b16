// art. 9 (issue 5): a batch is rated once and the rating applies to every 办件 in it; a theme is rated
// overall (applying to every linked 办件) or per 办件, never both. A refused attempt stores nothing.
import assert from 'node:assert/strict';
import { runChannelCommand } from '../../cli/channel.ts';
import { randomUUID } from 'node:crypto';
import { startRatingApi } from '../support/rating-api.ts';
import { postJson, serviceRecordBody, HANDLING_SYSTEM_HEADERS, postRating } from '../support/fixtures.ts';
import type { RatingApi } from '../support/rating-api.ts';

describe('batch and themed ratings (issue 5, art. 9)', () => {
  let rating: RatingApi;

  before(async () => {
    rating = await startRatingApi('hcp_test_db_batch_theme');
    rating.setNow(new Date('2026-11-26T10:00:00+08:00'));
  });

  after(() => rating.stop());

  async function group(
    field: 'batchId' | 'themeId',
    size: number,
    extra: Record<string, unknown> = {},
  ): Promise<string[]> {
    const groupId = `G-${randomUUID().slice(0, 8)}`;
    const ids: string[] = [];
    for (let index = 0; index < size; index++) {
      const record = serviceRecordBody({ [field]: groupId, ...extra });
      const created = await postJson(rating.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ids.push(record.id);
    }
    return ids;
  }

  const rate = (serviceRecordId: string, extra: Record<string, unknown> = {}) =>
    postRating(rating.api, rating.protector, {
      serviceRecordId,
      channel: 'qr-code',
      level: 'satisfied',
      ...extra,
    });

  const evaluationCount = async () => Number((await rating.db('evaluations').count({ n: '*' }))[0]!.n);

  async function ratingsOf(serviceRecordId: string) {
    return rating.db('service_record_ratings').where({ service_record_id: serviceRecordId });
  }

  it('given a batch of three 办件, when one is rated, then the rating applies to all three and a second rating of any of them is refused', async () => {
    const [first, second, third] = await group('batchId', 3);
    const rated = await rate(first!);
    assert.equal(rated.status, 201);
    for (const id of [first!, second!, third!]) {
      const ratings = await ratingsOf(id);
      assert.deepEqual(
        ratings.map((row) => row.evaluation_id),
        [rated.body.id],
      );
    }
    const orders = await rating
      .db('invitation_outbox')
      .where({ kind: 'evaluation-received' })
      .whereIn('service_record_id', [first!, second!, third!]);
    assert.equal(orders.length, 3, 'every invitation of the batch stops waiting');

    const before = await evaluationCount();
    const again = await rate(third!);
    assert.equal(again.status, 400);
    assert.equal(again.body.error.id, 'evaluation.batch_already_rated');
    assert.match(again.body.error.message, /批量/);
    assert.equal(await evaluationCount(), before);
  });

  it('given a batch and a theme each with a 办件 already recorded 未评, when another is rated for the whole, then the rating applies to the rest and that 办件 stays 未评 only', async () => {
    const [batchRated, batchUnrated, batchOther] = await group('batchId', 3);
    const [themeRated, themeUnrated] = await group('themeId', 2);
    await rating.db('unrated_service_records').insert(
      [batchUnrated!, themeUnrated!].map((id) => ({
        service_record_id: id,
        window_closed_at: new Date('2026-11-25T23:59:59+08:00'),
        recorded_at: new Date('2026-11-26T00:00:00+08:00'),
      })),
    );
    const batch = await rate(batchRated!);
    assert.equal(batch.status, 201, JSON.stringify(batch.body));
    const theme = await rate(themeRated!, { scope: 'theme' });
    assert.equal(theme.status, 201, JSON.stringify(theme.body));
    assert.deepEqual(await ratingsOf(batchUnrated!), []);
    assert.deepEqual(await ratingsOf(themeUnrated!), []);
    assert.deepEqual(
      (await ratingsOf(batchOther!)).map((row) => [row.evaluation_id, row.applies_as]),
      [[batch.body.id, 'batch']],
    );
    const orders = await rating
      .db('invitation_outbox')
      .where({ kind: 'evaluation-received' })
      .whereIn('service_record_id', [batchUnrated!, themeUnrated!]);
    assert.deepEqual(orders, [], 'no message to an invitation that ended with 未评');
  });

  it('given a rated batch and a theme rated overall, when a new 办件 is registered into either, then 409 service_record.joins_rated_group and it is not stored; into a theme rated per item, it is', async () => {
    const [batchMember] = await group('batchId', 2);
    assert.equal((await rate(batchMember!)).status, 201);
    const [themeMember] = await group('themeId', 2);
    assert.equal((await rate(themeMember!, { scope: 'theme' })).status, 201);
    const [perItem] = await group('themeId', 2);
    assert.equal((await rate(perItem!)).status, 201);
    const groupOf = async (id: string) =>
      rating.db('service_records').where({ id }).first('batch_id', 'theme_id');
    const batchId = (await groupOf(batchMember!)).batch_id;
    const themeId = (await groupOf(themeMember!)).theme_id;
    for (const joining of [{ batchId }, { themeId }]) {
      const record = serviceRecordBody(joining);
      const refused = await postJson(rating.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.id, 'service_record.joins_rated_group');
      assert.match(refused.body.error.message, /已有评价/);
      assert.equal(await rating.db('service_records').where({ id: record.id }).first(), undefined);
    }
    const joinsPerItem = serviceRecordBody({ themeId: (await groupOf(perItem!)).theme_id });
    const created = await postJson(rating.api, '/api/service-records', joinsPerItem, HANDLING_SYSTEM_HEADERS);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(
      (await rate(joinsPerItem.id)).status,
      201,
      'an item of a theme rated per item is rated on its own',
    );
  });

  it("given a batch or theme id another system reported, or a batch of another item, when a 办件 is registered into it, then 409 service_record.group_mismatch and nothing is stored: another system's rating never applies to it", async () => {
    const otherLines: string[] = [];
    const other = await runChannelCommand(
      ['add-partner', 'other-hall', '--platform', 'xa-online-hall', '--name', '另一办事系统'],
      { log: (line) => otherLines.push(line), error: () => undefined },
      { environment: { DATABASE_URL: rating.url } },
    );
    assert.equal(other, 0);
    const otherKey = { 'x-partner-key': otherLines.at(-1)!.replace(/^key /, '') };
    const [batchMember] = await group('batchId', 1);
    const [themeMember] = await group('themeId', 1);
    const groupOf = async (id: string) =>
      rating.db('service_records').where({ id }).first('batch_id', 'theme_id');
    const batchId = (await groupOf(batchMember!)).batch_id;
    const themeId = (await groupOf(themeMember!)).theme_id;
    const attempts = [
      [{ batchId }, otherKey],
      [{ themeId }, otherKey],
      [{ batchId, itemCode: 'XA-RS-0001', handlingDepartmentId: 'xa-hrss' }, HANDLING_SYSTEM_HEADERS],
    ] as const;
    for (const [joining, headers] of attempts) {
      const record = serviceRecordBody(joining);
      const refused = await postJson(rating.api, '/api/service-records', record, headers);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.id, 'service_record.group_mismatch');
      assert.equal(await rating.db('service_records').where({ id: record.id }).first(), undefined);
    }
    const sameSystemSameItem = serviceRecordBody({ batchId });
    const created = await postJson(
      rating.api,
      '/api/service-records',
      sameSystemSameItem,
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  it('given a theme, when it is rated overall, then the rating applies to every linked 办件 and no 办件 can be rated on its own', async () => {
    const [first, second] = await group('themeId', 2);
    const overall = await rate(first!, { scope: 'theme' });
    assert.equal(overall.status, 201, JSON.stringify(overall.body));
    assert.deepEqual(
      (await ratingsOf(second!)).map((row) => [row.evaluation_id, row.applies_as]),
      [[overall.body.id, 'theme']],
    );
    const before = await evaluationCount();
    const single = await rate(second!);
    assert.equal(single.status, 400);
    assert.equal(single.body.error.id, 'evaluation.theme_rated_overall');
    const overallAgain = await rate(second!, { scope: 'theme' });
    assert.equal(overallAgain.body.error.id, 'evaluation.theme_rated_overall');
    assert.equal(await evaluationCount(), before);
  });

  it('given a theme, when its 办件 are rated one by one, then each keeps its own rating and an overall rating is refused', async () => {
    const [first, second] = await group('themeId', 2);
    assert.equal((await rate(first!)).status, 201);
    assert.equal((await ratingsOf(second!)).length, 0, 'a per-item rating applies to its 办件 only');
    const before = await evaluationCount();
    const overall = await rate(second!, { scope: 'theme' });
    assert.equal(overall.status, 400);
    assert.equal(overall.body.error.id, 'evaluation.theme_rated_per_item');
    assert.equal(await evaluationCount(), before);
    assert.equal((await rate(second!)).status, 201, 'the other 办件 is still rated on its own');
  });

  it('given a theme handled on a platform, when the platform of a 办件 is rated, then the theme is still rated overall for its service, and after that the platform of each 办件 still on its own; an overall platform rating is refused', async () => {
    const [first, second] = await group('themeId', 2, { channel: 'online', platformId: 'xa-online-hall' });
    assert.equal((await rate(first!, { target: 'platform' })).status, 201, 'the platform of one 办件');
    const overall = await rate(second!, { scope: 'theme' });
    assert.equal(overall.status, 201, JSON.stringify(overall.body));
    assert.equal((await rate(second!, { target: 'platform' })).status, 201, 'the platform of the other');
    const before = await evaluationCount();
    const platformOverall = await rate(first!, { scope: 'theme', target: 'platform' });
    assert.equal(platformOverall.status, 400);
    assert.equal(platformOverall.body.error.id, 'evaluation.theme_overall_of_service');
    assert.match(platformOverall.body.error.message, /平台/);
    assert.equal(await evaluationCount(), before);
  });

  it('given a theme with an overall platform rating stored before those were refused, when it is rated overall, then 400 evaluation.theme_rated_overall, not a 500', async () => {
    const [first, second] = await group('themeId', 2, { channel: 'online', platformId: 'xa-online-hall' });
    const platform = await rate(first!, { target: 'platform' });
    assert.equal(platform.status, 201);
    const { theme_id: themeId } = await rating.db('service_records').where({ id: first }).first();
    // As the earlier code stored it: the platform rating marked as the theme's overall one.
    await rating.db('theme_overall_ratings').insert({ theme_id: themeId, evaluation_id: platform.body.id });
    const before = await evaluationCount();
    const overall = await rate(second!, { scope: 'theme' });
    assert.equal(overall.status, 400, JSON.stringify(overall.body));
    assert.equal(overall.body.error.id, 'evaluation.theme_rated_overall');
    assert.equal(await evaluationCount(), before);
  });

  it('given a 办件 outside any theme, when it is rated overall, then 400 evaluation.no_theme; and a 办件 cannot be in a batch and a theme', async () => {
    const record = serviceRecordBody();
    assert.equal(
      (await postJson(rating.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    const refused = await rate(record.id, { scope: 'theme' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.id, 'evaluation.no_theme');
    const both = await postJson(
      rating.api,
      '/api/service-records',
      serviceRecordBody({ batchId: 'B-1', themeId: 'T-1' }),
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(both.status, 400);
    assert.equal(both.body.error.id, 'request.invalid');
  });
});
