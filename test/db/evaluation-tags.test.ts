// The preset rating content as process owners edit it (issue 5, art. 8): every change a new version with
// who and when, laid over the shipped defaults; what raters are offered (API and the QR page) follows;
// refusals store nothing.
import assert from 'node:assert/strict';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import {
  getJson,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  receiptPageUrl,
} from '../support/fixtures.ts';
import { staff } from '../support/staff.ts';

describe('the editable preset rating content (issue 5, art. 8)', () => {
  let world: RatingApi;
  before(async () => {
    world = await startRatingApi('hcp_test_db_evaluation_tags');
  });
  after(() => world.stop());

  const labelsFor = async (level: string) =>
    ((await getJson(world.api, `/api/evaluation-tags?level=${level}`)).body.tags as any[]).map(
      (tag) => tag.label,
    );
  const versions = async () => Number((await world.db('preset_tag_versions').count({ n: '*' }))[0]!.n);

  async function put(userId: string, code: string, body: unknown) {
    const response = await fetch(`${world.api}/api/evaluation-tags/${code}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(await staff(world.api, userId)).headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('given a process owner renames one tag and retires another, then raters are offered the new table and the history names who', async () => {
    assert.ok((await labelsFor('dissatisfied')).includes('态度生硬'));
    const renamed = await put('zhou.jie', 'attitude.harsh', {
      label: '态度冷漠生硬',
      dimension: 'attitude',
      polarity: 'bad',
      active: true,
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const retired = await put('zhou.jie', 'environment.unclear-signs', {
      label: '标识不清',
      dimension: 'environment',
      polarity: 'bad',
      active: false,
    });
    assert.equal(retired.status, 200);
    const offered = await labelsFor('very-dissatisfied');
    assert.ok(offered.includes('态度冷漠生硬'));
    assert.ok(!offered.includes('态度生硬'));
    assert.ok(!offered.includes('标识不清'), 'a retired tag is not offered');

    const owner = await staff(world.api, 'zhou.jie');
    const history = await owner.get('/api/evaluation-tags/attitude.harsh/history');
    assert.equal(history.status, 200);
    assert.deepEqual(
      (history.body.versions as any[]).map((version) => [version.label, version.changedBy.name]),
      [['态度冷漠生硬', '周杰']],
    );

    // The QR rating page offers the table in force.
    const record = serviceRecordBody();
    assert.equal(
      (await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    const page = await (await fetch(receiptPageUrl(world.api, world.protector, record.id))).text();
    assert.ok(page.includes('态度冷漠生硬'));
    assert.ok(!page.includes('标识不清'));
  });

  it('given a new tag, when a process owner adds it, then it is offered for the levels of its polarity', async () => {
    const owner = await staff(world.api, 'zhou.jie');
    const added = await owner.post('/api/evaluation-tags', {
      code: 'attitude.patient',
      label: '耐心解答',
      dimension: 'attitude',
      polarity: 'good',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.ok((await labelsFor('satisfied')).includes('耐心解答'));
    assert.ok(!(await labelsFor('dissatisfied')).includes('耐心解答'));
  });

  it('given a label another tag in force has, when a process owner adds or renames a tag to it, then 409 evaluation_tag.label_taken naming that tag and nothing stored; once that tag is retired, the label is free', async () => {
    const owner = await staff(world.api, 'zhou.jie');
    const taken = (await labelsFor('dissatisfied'))[0]!;
    const shipped = (
      (await getJson(world.api, '/api/evaluation-tags?level=dissatisfied')).body.tags as any[]
    ).find((tag) => tag.label === taken);
    const before = await versions();
    const sameWords = { code: 'quality.same-words', label: taken, dimension: 'quality', polarity: 'bad' };
    /** Saves the shipped tag again, under `label`, in force or retired. */
    const saveShipped = (label: string, active: boolean) =>
      put('zhou.jie', shipped.code, { label, dimension: shipped.dimension, polarity: 'bad', active });
    const added = await owner.post('/api/evaluation-tags', sameWords);
    assert.equal(added.status, 409, JSON.stringify(added.body));
    assert.equal(added.body.error.id, 'evaluation_tag.label_taken');
    assert.equal(added.body.error.details.code, shipped.code);
    assert.match(added.body.error.message, /同名/);
    const renamed = await saveShipped((await labelsFor('very-satisfied'))[0]!, true);
    assert.equal(renamed.status, 409, JSON.stringify(renamed.body));
    assert.equal(await versions(), before, 'nothing stored');
    assert.equal((await saveShipped(taken, true)).status, 200, 'a tag saved again under its own label');
    assert.equal((await saveShipped(taken, false)).status, 200, 'retired');
    const reused = await owner.post('/api/evaluation-tags', sameWords);
    assert.equal(reused.status, 201, JSON.stringify(reused.body));
  });

  it('given bad edits, then 4xx with a stable id in Chinese and no version stored', async () => {
    const before = await versions();
    const good = { label: '推诿', dimension: 'attitude', polarity: 'bad', active: true };
    const unit = await put('wang.fang', 'attitude.buck-passing', good);
    assert.equal(unit.status, 403);
    assert.equal(unit.body.error.id, 'auth.forbidden');
    const anonymous = await fetch(`${world.api}/api/evaluation-tags/attitude.buck-passing`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(good),
    });
    assert.equal(anonymous.status, 401);
    const unknown = await put('zhou.jie', 'attitude.no-such-tag', good);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.id, 'evaluation_tag.not_found');
    for (const body of [
      { ...good, dimension: 'speed' },
      { ...good, label: '' },
      { ...good, label: '很'.repeat(33) },
      { ...good, polarity: 'neutral' },
      { label: '推诿' },
    ]) {
      const refused = await put('zhou.jie', 'attitude.buck-passing', body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.error.id, 'evaluation_tag.invalid');
      assert.match(refused.body.error.message, /[\u4e00-\u9fff]/);
    }
    const owner = await staff(world.api, 'zhou.jie');
    const duplicate = await owner.post('/api/evaluation-tags', {
      code: 'attitude.harsh',
      label: '重复',
      dimension: 'attitude',
      polarity: 'bad',
    });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.error.id, 'evaluation_tag.duplicate');
    const badCode = await owner.post('/api/evaluation-tags', {
      code: 'Not A Code',
      label: '不合规',
      dimension: 'attitude',
      polarity: 'bad',
    });
    assert.equal(badCode.status, 400);
    assert.equal(await versions(), before);
  });

  it('given a label with a separator of the tags on a form (、，,；; or a line break), when a process owner adds or renames a tag with it, then 400 evaluation_tag.label_has_separator in Chinese and nothing changes', async () => {
    // Regression: such a label was offered on the QR page, but a paper form or 综合点评 sheet splits its cell on
    // these signs and could never name it.
    const owner = await staff(world.api, 'zhou.jie');
    const before = await versions();
    const offeredBefore = await labelsFor('dissatisfied');
    for (const label of [
      '等候过久、无人引导',
      '等候过久，无人引导',
      '等候过久;无人引导',
      '等候过久\n无人引导',
    ]) {
      const added = await owner.post('/api/evaluation-tags', {
        code: 'environment.no-guide',
        label,
        dimension: 'environment',
        polarity: 'bad',
      });
      assert.equal(added.status, 400, label);
      assert.equal(added.body.error.id, 'evaluation_tag.label_has_separator');
      assert.match(added.body.error.message, /[\u4e00-\u9fff]/);
      const renamed = await put('zhou.jie', 'environment.poor-guidance', {
        label,
        dimension: 'environment',
        polarity: 'bad',
        active: true,
      });
      assert.equal(renamed.status, 400, label);
      assert.equal(renamed.body.error.id, 'evaluation_tag.label_has_separator');
    }
    assert.equal(await versions(), before);
    assert.deepEqual(await labelsFor('dissatisfied'), offeredBefore);
    const unknown = await owner.get('/api/evaluation-tags/environment.no-guide/history');
    assert.equal(unknown.status, 404, 'the tag was not added');

    // Full-width brackets are no separator: the label is stored and offered as written.
    const added = await owner.post('/api/evaluation-tags', {
      code: 'quality.too-many-copies',
      label: '收取材料过多（复印件）',
      dimension: 'quality',
      polarity: 'bad',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.ok((await labelsFor('dissatisfied')).includes('收取材料过多（复印件）'));
  });

  it('given saved versions, when the superuser updates or deletes one, then PostgreSQL refuses', async () => {
    await assert.rejects(world.db('preset_tag_versions').update({ label: '改' }), /append-only/);
    await assert.rejects(world.db('preset_tag_versions').delete(), /append-only/);
  });
});
