// Which 12345 hotline a case's return visit goes to (art. 18): the centre of the unit's own region, else the
// nearest region above it — a district without its own centre is served by the city's, never by another
// district's that happens to sort first.
import assert from 'node:assert/strict';
import { freshAppDatabase } from '../support/databases.ts';
import { hotlineDepartmentFor } from '../../infra/stores/case-store.ts';
import { responsibleUnitGroups } from '../../infra/stores/case-groups.ts';
import type { Db } from '../../infra/db.ts';

describe('the 12345 hotline of a case (art. 18)', () => {
  let db: Db;

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_hotline_routing'));
    // 碑林区 has a centre of its own, sorting before the city's; 雁塔区 has none.
    await db('departments').insert({
      id: 'bl-12345',
      name: '碑林区12345热线分中心',
      kind: 'hotline',
      region_code: '610103',
      approval_department_id: 'bl-approval',
    });
  });

  after(() => db.destroy());

  it("given a district with its own centre, one without, the city and no region, then each gets its own or the city's", async () => {
    assert.equal(await hotlineDepartmentFor(db, '610103'), 'bl-12345');
    assert.equal(await hotlineDepartmentFor(db, '610113'), 'xa-12345', 'not the sibling district’s');
    assert.equal(await hotlineDepartmentFor(db, '610100'), 'xa-12345');
    assert.equal(await hotlineDepartmentFor(db, null), 'xa-12345');
    assert.equal(await hotlineDepartmentFor(db, '999999'), 'xa-12345', 'a region not in the tree');
  });

  it("given a unit of 雁塔区, then its case's return-visit group is the city's centre", async () => {
    const [unit] = await db('departments').where({ region_code: '610113' }).whereNot({ kind: 'hotline' });
    assert.ok(unit, 'the demo organisation has a unit in 雁塔区');
    assert.equal((await responsibleUnitGroups(db, unit.id)).hotlineGroup, 'xa-12345');
  });
});
