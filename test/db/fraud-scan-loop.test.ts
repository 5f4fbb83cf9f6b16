// The server's own fraud scan (art. 23: nothing dropped silently): ratings whose after-commit check never ran —
// a failed batch, a crash, ratings imported by `hcp import` — are flagged by the next scan all the same. With no
// scan recorded yet, the first goes back a day, not over the whole history (infra/fraud/scan-loop.ts). Staff
// phones typed as a Chinese input method writes them still match; a rating stored late completes a burst.
import assert from 'node:assert/strict';
import { createFraudChecker } from '../../infra/fraud/checker.ts';
import { createFraudScanLoop } from '../../infra/fraud/scan-loop.ts';
import { staffPhones } from '../../infra/fraud/rating-facts.ts';
import { addStaffMember } from '../support/staff.ts';
import { createProtector } from '../../infra/protector.ts';
import { openBadReviewCase, TEST_ENCRYPTION_KEY } from '../support/cases-in-db.ts';
import { freshAppDatabase } from '../support/databases.ts';
import type { Db } from '../../infra/db.ts';

const MINUTE = 60_000;

describe('the fraud scan every few minutes (issue 5, art. 23)', () => {
  let db: Db;
  const protector = createProtector(TEST_ENCRYPTION_KEY);

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_fraud_scan_loop'));
  });

  after(() => db.destroy());

  /** Three 差评 from one phone within minutes, stored without any after-commit check. */
  async function burst(phone: string, start: Date): Promise<string[]> {
    const ids = [];
    for (const minutes of [0, 2, 4]) {
      ids.push(
        await openBadReviewCase(db, {
          at: new Date(start.getTime() + minutes * MINUTE),
          realName: true,
          rater: { name: '张三', phone },
          protector,
        }),
      );
    }
    return ids;
  }

  it('given bursts stored unchecked three days ago and just now, when the server scans for the first time, then the recent one is flagged and the old one left; the next scan goes on from there', async () => {
    const now = new Date();
    const old = await burst('13700000101', new Date(now.getTime() - 3 * 24 * 60 * MINUTE));
    const recent = await burst('13700000102', new Date(now.getTime() - 10 * MINUTE));
    // Stored after the recent burst but dated two days back (a form filled in then): the scan still starts
    // before the recent burst, and takes this one too.
    await openBadReviewCase(db, { at: new Date(now.getTime() - 2 * 24 * 60 * MINUTE), protector });
    const fraud = createFraudChecker({ db, lookupHash: (value) => protector.lookupHash(value) });
    const lines: string[] = [];
    const loop = createFraudScanLoop({ fraud, clock: () => now, log: (line) => lines.push(line) });
    await loop.poke();
    const flagged = async (ids: string[]) =>
      (await db('fraud_flags').whereIn('evaluation_id', ids).where({ signal: 'burst-phone' })).length;
    assert.equal(await flagged(recent), 3);
    assert.equal(await flagged(old), 0, 'the history before the first scan is not gone over');
    assert.match(lines.join('\n'), /fraud scan: 3 flag\(s\) among 4 rating\(s\)/);

    const later = await burst('13700000103', new Date(now.getTime() - MINUTE));
    await loop.poke();
    assert.equal(await flagged(later), 3, 'the next scan takes what came since');
    await loop.poke();
    const scans = await db('fraud_scans').orderBy('id').select('evaluated');
    assert.deepEqual(
      scans.map((scan) => scan.evaluated),
      [4, 3],
      'a pass that found nothing new leaves no row',
    );
  });
  it('given a staff member whose work phone was typed with full-width digits and spaces, then a rating from that phone is matched to them', async () => {
    await addStaffMember(db, {
      id: 'zhao.fw',
      name: '赵全角',
      role: 'unit-staff',
      departmentId: 'xa-market',
    });
    await db('users').where({ id: 'zhao.fw' }).update({ phone: '１３９ ００００ ０２２２' });
    const staff = await staffPhones(db, (value) => protector.lookupHash(value));
    assert.deepEqual(staff.get(protector.lookupHash('13900000222')), {
      userId: 'zhao.fw',
      departmentId: 'xa-market',
    });
  });
  it('given two ratings from one phone checked without a flag, when a third from it rated before them is stored late (a partner sends it on), then its check flags the burst on all three', async () => {
    const now = new Date();
    const rater = { name: '李四', phone: '13700000104' };
    const rated = async (minutesAgo: number) =>
      openBadReviewCase(db, {
        at: new Date(now.getTime() - minutesAgo * MINUTE),
        realName: true,
        rater,
        protector,
      });
    const fraud = createFraudChecker({
      db,
      lookupHash: (value) => protector.lookupHash(value),
      clock: () => now,
    });
    const stored = [await rated(28), await rated(26)];
    assert.deepEqual(await fraud.checkMany(stored), [], 'two are no burst');
    const late = await rated(30);
    await fraud.checkMany([late]);
    const flagged = await db('fraud_flags')
      .whereIn('evaluation_id', [late, ...stored])
      .where({ signal: 'burst-phone' })
      .pluck('evaluation_id');
    assert.deepEqual(new Set(flagged), new Set([late, ...stored]));
  });
});
