// The fraud rules of art. 23 (issue 5), one by one, over ratings built in memory.
import assert from 'node:assert/strict';
import { fraudFlagsFor } from '../../domain/fraud/evaluate.ts';
import { normalisePhone } from '../../domain/fraud/phone.ts';
import {
  MAX_GROUP_LISTED,
  burstFlag,
  repeatedBadReviewsFlag,
  staffPhoneFlag,
  topRatingRunFlag,
} from '../../domain/fraud/rules.ts';
import { DEFAULT_FRAUD_THRESHOLDS as T, lookbackMs } from '../../domain/fraud/thresholds.ts';
import { inHallNetwork, parseHallNetworks } from '../../domain/fraud/hall-networks.ts';
import { neighbourScope } from '../../domain/fraud/neighbours.ts';
import type { RatingFacts } from '../../domain/fraud/types.ts';

const START = Date.parse('2026-11-26T02:00:00Z');
const MINUTE = 60_000;

function rating(n: number, minutes: number, overrides: Partial<RatingFacts> = {}): RatingFacts {
  return {
    id: `r${n}`,
    ratedAt: new Date(START + minutes * MINUTE),
    level: 'satisfied',
    channel: 'qr-code',
    serviceRecordId: `SR-${n}`,
    occasion: `record:SR-${n}`,
    departmentId: 'xa-market',
    institutionId: null,
    phoneHash: null,
    deviceId: null,
    ip: null,
    account: null,
    ...overrides,
  };
}

describe('fraud signals (art. 23, issue 5)', () => {
  describe('bursts from one phone, device, IP or account', () => {
    const byPhone = [0, 3, 6].map((minutes, n) => rating(n, minutes, { phoneHash: 'h1' }));

    it('given 3 ratings from one phone within 10 minutes, then the 3rd is flagged with its reason', () => {
      const flag = burstFlag('burst-phone', byPhone[2]!, byPhone, T);
      assert.equal(flag?.signal, 'burst-phone');
      assert.match(flag!.reasons, /同一手机号在 10 分钟内对 3 次办理提交了 3 条评价/);
      assert.deepEqual(flag!.details.evaluationIds, ['r0', 'r1', 'r2']);
    });

    it('given only 2 before it, or the first one over 10 minutes before, then no flag', () => {
      assert.equal(burstFlag('burst-phone', byPhone[1]!, byPhone, T), undefined);
      const spread = [0, 6, 11].map((minutes, n) => rating(n, minutes, { phoneHash: 'h1' }));
      assert.equal(burstFlag('burst-phone', spread[2]!, spread, T), undefined);
    });

    it('given later ratings in the list, then they do not count for an earlier one', () => {
      assert.equal(burstFlag('burst-phone', byPhone[0]!, byPhone, T), undefined);
    });

    it('given one device, IP or account, then each has its own signal', () => {
      for (const [signal, key] of [
        ['burst-device', 'deviceId'],
        ['burst-ip', 'ip'],
        ['burst-account', 'account'],
      ] as const) {
        const ratings = [0, 1, 2].map((minutes, n) => rating(n, minutes, { [key]: 'same' }));
        assert.equal(burstFlag(signal, ratings[2]!, ratings, T)?.signal, signal);
      }
    });

    it('given a window evaluator (a shared hall terminal), then its device id and IP are no burst', () => {
      const ratings = [0, 1, 2].map((minutes, n) =>
        rating(n, minutes, { channel: 'window-device', deviceId: 'pad-1', ip: '10.0.0.8' }),
      );
      assert.equal(burstFlag('burst-device', ratings[2]!, ratings, T), undefined);
      assert.equal(burstFlag('burst-ip', ratings[2]!, ratings, T), undefined);
    });

    it("given QR ratings from a hall's guest Wi-Fi (HALL_NETWORKS), then its address is no burst and is not looked up; the phone still is, and other addresses still are", () => {
      const withHalls = { ...T, hallNetworks: parseHallNetworks('203.0.113.0/28, 2001:db8:4a11::/48') };
      for (const ip of ['203.0.113.14', '2001:db8:4a11:7::/64']) {
        const viaWifi = [0, 1, 2].map((minutes, n) => rating(n, minutes, { ip, phoneHash: 'h9' }));
        assert.equal(burstFlag('burst-ip', viaWifi[2]!, viaWifi, withHalls), undefined, ip);
        assert.equal(burstFlag('burst-phone', viaWifi[2]!, viaWifi, withHalls)?.signal, 'burst-phone');
        const keys = neighbourScope(viaWifi[2]!, withHalls).identifiers.map(({ key }) => key);
        assert.deepEqual(keys, ['phoneHash'], ip);
        assert.equal(
          burstFlag('burst-ip', viaWifi[2]!, viaWifi, T)?.signal,
          'burst-ip',
          'without the setting',
        );
      }
      for (const ip of ['203.0.113.16', '2001:db8:4a12:7::/64']) {
        const elsewhere = [0, 1, 2].map((minutes, n) => rating(n, minutes, { ip }));
        assert.equal(burstFlag('burst-ip', elsewhere[2]!, elsewhere, withHalls)?.signal, 'burst-ip', ip);
      }
    });

    it('given HALL_NETWORKS, then addresses and networks are read, and what is no network is refused in Chinese', () => {
      const networks = parseHallNetworks(' 198.51.100.7 ,, 2001:db8:4a11::/48,198.51.100.64/26 ');
      assert.deepEqual(
        networks.map(({ text }) => text),
        ['198.51.100.7', '2001:db8:4a11::/48', '198.51.100.64/26'],
      );
      assert.equal(inHallNetwork('198.51.100.7', networks), true);
      assert.equal(inHallNetwork('198.51.100.8', networks), false);
      assert.equal(inHallNetwork('198.51.100.127', networks), true);
      assert.equal(inHallNetwork('2001:db8:4a11:ffff::/64', networks), true);
      assert.equal(inHallNetwork('not an address', networks), false);
      assert.deepEqual(parseHallNetworks(''), []);
      assert.throws(() => parseHallNetworks('198.51.100.0/33'), /「198\.51\.100\.0\/33」不是 IP 地址或网段/);
      assert.throws(() => parseHallNetworks('hall-wifi'), /不是 IP 地址或网段/);
      assert.throws(() => parseHallNetworks('2001:db8::1'), /前缀不得长于 \/64/);
      assert.throws(() => parseHallNetworks('2001:db8::/96'), /前缀不得长于 \/64/);
    });

    it('given ratings a partner platform forwarded (its system as their device), then the partner is no burst; their accounts still are', () => {
      const forwarded = [0, 1, 2].map((minutes, n) =>
        rating(n, minutes, { channel: 'online-hall', deviceId: 'partner:xa-online-hall-partner' }),
      );
      assert.equal(burstFlag('burst-device', forwarded[2]!, forwarded, T), undefined);
      const oneAccount = forwarded.map((forwardedRating) => ({
        ...forwardedRating,
        account: 'xa-online-hall:u1',
      }));
      assert.equal(burstFlag('burst-account', oneAccount[2]!, oneAccount, T)?.signal, 'burst-account');
    });
  });

  it("given a rater phone equal to a staff member's, then staff-phone names the user", () => {
    const staff = new Map([['h-staff', { userId: 'wang.fang', departmentId: 'xa-market' }]]);
    const flag = staffPhoneFlag(rating(1, 0, { phoneHash: 'h-staff' }), staff);
    assert.equal(flag?.signal, 'staff-phone');
    assert.match(flag!.reasons, /wang\.fang/);
    assert.equal(staffPhoneFlag(rating(2, 0, { phoneHash: 'other' }), staff), undefined);
    assert.equal(staffPhoneFlag(rating(3, 0), staff), undefined);
  });

  describe('runs of 非常满意 on one window', () => {
    const top = (n: number, minutes: number, overrides: Partial<RatingFacts> = {}) =>
      rating(n, minutes, { level: 'very-satisfied', institutionId: 'w01', ...overrides });

    it('given 5 within 5 minutes on one window, then the 5th is flagged', () => {
      const run = [0, 1, 2, 3, 4].map((minutes, n) => top(n, minutes));
      const flag = topRatingRunFlag(run[4]!, run, T);
      assert.equal(flag?.signal, 'top-rating-run');
      assert.match(flag!.reasons, /同一窗口（w01）5 分钟内有 5 次办理收到“非常满意”/);
    });

    it("given one visit rated 非常满意 item by item (a theme's five items) within minutes, then no flag: one occasion", () => {
      const themed = [0, 1, 2, 3, 4].map((minutes, n) => top(n, minutes, { occasion: 'theme:T-1' }));
      assert.equal(topRatingRunFlag(themed[4]!, themed, T), undefined);
    });

    it('given other windows, other levels or a slower pace, then no flag', () => {
      const mixed = [top(0, 0, { institutionId: 'w02' }), top(1, 1, { level: 'satisfied' })];
      const subject = top(9, 4);
      assert.equal(topRatingRunFlag(subject, [...mixed, top(2, 2), top(3, 3)], T), undefined);
      const slow = [0, 2, 4, 6, 8].map((minutes, n) => top(n, minutes));
      assert.equal(topRatingRunFlag(slow[4]!, slow, T), undefined);
      assert.equal(topRatingRunFlag(rating(1, 0, { level: 'very-satisfied' }), [], T), undefined);
    });
  });

  describe('repeated 差评 by one rater across units', () => {
    const bad = (n: number, days: number, departmentId: string) =>
      rating(n, days * 24 * 60, { level: 'very-dissatisfied', phoneHash: 'h9', departmentId });

    it('given 3 差评 within 7 days across 2 units, then the 3rd is flagged', () => {
      const ratings = [bad(0, 0, 'xa-market'), bad(1, 2, 'xa-hrss'), bad(2, 4, 'xa-market')];
      const flag = repeatedBadReviewsFlag(ratings[2]!, ratings, T);
      assert.equal(flag?.signal, 'repeated-bad-reviews');
      assert.deepEqual(flag!.details.departmentIds, ['xa-hrss', 'xa-market']);
      assert.match(flag!.reasons, /7 天内对 2 个单位的 3 次办理给出差评/);
    });

    it('given a 差评 of a 办件 and one of its platform, then they are one 办件, not two', () => {
      const service = bad(0, 0, 'xa-market');
      const platform = {
        ...bad(1, 0, 'xa-bigdata'),
        serviceRecordId: service.serviceRecordId,
        occasion: service.occasion,
      };
      const other = bad(2, 1, 'xa-hrss');
      const ratings = [service, platform, other];
      assert.equal(repeatedBadReviewsFlag(other, ratings, T), undefined, 'two 办件');
      const third = bad(3, 2, 'xa-market');
      assert.equal(repeatedBadReviewsFlag(third, [...ratings, third], T)?.details.count, 3);
    });

    it('given the items of one theme (一件事, several units) each given a 差评 in one visit, then one occasion: no flag', () => {
      const themed = [
        { ...bad(0, 0, 'xa-market'), occasion: 'theme:T-1' },
        { ...bad(1, 0, 'xa-hrss'), occasion: 'theme:T-1' },
        { ...bad(2, 0, 'xa-market'), occasion: 'theme:T-1' },
      ];
      assert.equal(repeatedBadReviewsFlag(themed[2]!, themed, T), undefined);
    });

    it('given one unit only, over 7 days, or good ratings between, then no flag', () => {
      const oneUnit = [bad(0, 0, 'xa-market'), bad(1, 1, 'xa-market'), bad(2, 2, 'xa-market')];
      assert.equal(repeatedBadReviewsFlag(oneUnit[2]!, oneUnit, T), undefined);
      const slow = [bad(0, 0, 'xa-market'), bad(1, 4, 'xa-hrss'), bad(2, 8, 'xa-market')];
      assert.equal(repeatedBadReviewsFlag(slow[2]!, slow, T), undefined);
      const good = { ...bad(1, 1, 'xa-hrss'), level: 'satisfied' as const };
      const withGood = [bad(0, 0, 'xa-market'), good, bad(2, 2, 'xa-hrss')];
      assert.equal(repeatedBadReviewsFlag(withGood[2]!, withGood, T), undefined);
    });
  });

  it('given a rating that trips two rules, then both flags come back; an ordinary one gets none', () => {
    const staff = new Map([['h1', { userId: 'wang.fang', departmentId: 'xa-market' }]]);
    const ratings = [0, 1, 2].map((minutes, n) => rating(n, minutes, { phoneHash: 'h1' }));
    const flags = fraudFlagsFor(ratings[2]!, { recent: ratings, staffPhones: staff, thresholds: T });
    const ofSubject = flags.filter((flag) => flag.evaluationId === ratings[2]!.id);
    assert.deepEqual(ofSubject.map((flag) => flag.signal).sort(), ['burst-phone', 'staff-phone']);
    assert.deepEqual(fraudFlagsFor(rating(7, 0), { recent: [], staffPhones: staff, thresholds: T }), []);
  });

  it('given the rating that completes a burst, then the same flag falls on every rating of the burst, the earlier ones too', () => {
    const ratings = [0, 1, 2].map((minutes, n) => rating(n, minutes, { ip: '10.0.0.9' }));
    const flags = fraudFlagsFor(ratings[2]!, { recent: ratings, staffPhones: new Map(), thresholds: T });
    assert.deepEqual(
      flags.map((flag) => [flag.evaluationId, flag.signal]).sort(),
      ratings.map((r) => [r.id, 'burst-ip']).sort(),
    );
    assert.equal(new Set(flags.map((flag) => flag.reasons)).size, 1, 'one reason for the whole burst');
    assert.deepEqual(
      fraudFlagsFor(ratings[1]!, { recent: ratings.slice(0, 2), staffPhones: new Map(), thresholds: T }),
      [],
      'the burst is not yet one at its second rating',
    );
  });

  it('given the items of one theme rated one by one, or a 办件 and its platform, from one phone within minutes, then no burst: one occasion; a third occasion makes one', () => {
    const theme = [0, 1, 2].map((n) => rating(n, n, { phoneHash: 'h3', occasion: 'theme:T-1' }));
    const platform = rating(3, 3, { phoneHash: 'h3', occasion: 'record:SR-9' });
    const service = rating(4, 3, { phoneHash: 'h3', occasion: 'record:SR-9' });
    const all = [...theme, platform, service];
    for (const subject of all.slice(0, 4)) {
      assert.deepEqual(
        fraudFlagsFor(subject, { recent: all, staffPhones: new Map(), thresholds: T }).filter(
          (flag) => flag.signal === 'burst-phone',
        ),
        [],
        subject.id,
      );
    }
    const third = rating(5, 5, { phoneHash: 'h3' });
    const [flag] = fraudFlagsFor(third, { recent: [...all, third], staffPhones: new Map(), thresholds: T });
    assert.equal(flag?.signal, 'burst-phone');
    assert.deepEqual([flag!.details.count, flag!.details.ratings], [3, 6]);
    assert.match(flag!.reasons, /对 3 次办理提交了 6 条评价/);
  });

  it('given hundreds of ratings from one address within minutes, then a flag lists only the latest of them and counts them all, so flags grow with the ratings, not their square', () => {
    const ratings = Array.from({ length: 300 }, (_, n) => rating(n, n / 60, { ip: '10.0.0.8' }));
    const last = ratings[ratings.length - 1]!;
    const flags = fraudFlagsFor(last, { recent: ratings, staffPhones: new Map(), thresholds: T });
    const own = flags.find((flag) => flag.evaluationId === last.id && flag.signal === 'burst-ip')!;
    assert.equal(own.details.count, 300);
    assert.equal((own.details.evaluationIds as string[]).length, MAX_GROUP_LISTED);
    assert.equal(flags.length, MAX_GROUP_LISTED, 'its own flag and one for each rating it lists');
  });

  it('given paper forms of one window and one phone dated alike (their day, or the import time), then no burst or run of minutes is read from them', () => {
    const forms = [0, 1, 2, 3, 4].map((n) =>
      rating(n, 0, {
        channel: 'paper-form',
        level: 'very-satisfied',
        institutionId: 'xa-hall-w01',
        phoneHash: 'h9',
      }),
    );
    for (const form of forms) {
      assert.deepEqual(fraudFlagsFor(form, { recent: forms, staffPhones: new Map(), thresholds: T }), []);
    }
    const live = rating(9, 0, { level: 'very-satisfied', institutionId: 'xa-hall-w01', phoneHash: 'h9' });
    assert.deepEqual(
      fraudFlagsFor(live, { recent: [...forms, live], staffPhones: new Map(), thresholds: T }),
      [],
      'nor do they make a live rating among them one of a burst',
    );
  });

  it('given the defaults, then a check looks back 7 days; phones compare in one normal form', () => {
    assert.equal(lookbackMs(T), 7 * 24 * 60 * MINUTE);
    assert.equal(normalisePhone('+86 138-1234-5678'), '13812345678');
    assert.equal(normalisePhone('008613812345678'), '13812345678');
    assert.equal(normalisePhone('029-8888 1234'), '02988881234');
  });
});
