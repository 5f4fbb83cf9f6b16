// A case opened by a 综合点评 差评 (art. 14) as GET /api/cases/:id shows it: what it rates and the unit that
// answers for that — an item's or institution's department, a platform's builder (art. 17: 谁建设、谁负责) —
// to those who watch that unit, before its case is routed (no engine runs here).
import assert from 'node:assert/strict';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { importPublicComment } from '../support/public-comments.ts';
import { staff } from '../support/staff.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { casesWatchedBy } from '../../infra/stores/jurisdiction-store.ts';

describe('a 综合点评 case as staff read it (issue 5, art. 14, 17)', () => {
  let world: RatingApi;

  before(async () => {
    world = await startRatingApi('hcp_test_db_subject_case_view');
  });

  after(() => world.stop());

  async function caseOf(subjectType: string, subjectId: string) {
    const { report, ratingId } = await importPublicComment(
      { db: world.db, protector: world.protector },
      {
        渠道: '电子邮件',
        评价对象类型: subjectType,
        评价对象编号: subjectId,
        评价等级: '不满意',
        文字评价: '页面经常打不开',
      },
    );
    assert.equal(report.casesOpened, 1, JSON.stringify(report));
    const shown = await (await staff(world.api, 'sun.li')).get(`/api/cases/${ratingId}`);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    return { ...shown.body.evaluation.subject, caseId: ratingId };
  }

  it('given a 差评 of a platform, then its builder is named as the unit that answers for it; of an item, its department — each seen by the city supervisor before the case is routed, without the engine', async () => {
    const platform = await caseOf('政务服务平台', 'xa-online-hall');
    assert.deepEqual(
      [platform.type, platform.id, platform.departmentId, platform.departmentName],
      ['platform', 'xa-online-hall', 'xa-bigdata', '西安市数据局'],
    );
    const watched = await casesWatchedBy(world.db, ['xa-bigdata']);
    assert.ok(
      watched.some((row: { id: string }) => row.id === platform.caseId),
      "among the cases the builder's jurisdiction watches",
    );
    const item = await caseOf('政务服务事项', 'XA-SC-0001');
    assert.deepEqual([item.type, item.departmentId], ['item', 'xa-market']);
  });
  it("given a 差评 of the platform a 办件 was handled on, then its builder's jurisdiction watches the case as well as the handling unit's, before it is routed", async () => {
    const caseId = await openBadReviewCase(world.db, { platformId: 'xa-mobile', protector: world.protector });
    for (const departmentId of ['xa-bigdata', 'xa-market']) {
      const watched = await casesWatchedBy(world.db, [departmentId]);
      assert.ok(
        watched.some((row: { id: string }) => row.id === caseId),
        departmentId,
      );
    }
    assert.ok(
      !(await casesWatchedBy(world.db, ['xa-hrss'])).some((row: { id: string }) => row.id === caseId),
      'nor anyone else',
    );
  });
});
