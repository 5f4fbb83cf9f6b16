// The 12345 handover's pure parts: the back-off that rides out a hotline outage, and the work order's
// text, which an operator must be able to act on without personal data in it (art. 16, 24).
import assert from 'node:assert/strict';
import {
  HANDOVER_RETRIES,
  MAX_RETRY_DELAY_MS,
  attemptNumber,
  handoverRetryDelayMs,
} from '../../workers/hotline-handover.ts';
import { workOrderDescription, workOrderTitle } from '../../domain/case/hotline-work-order.ts';
import { ConfigError, hotlineBaseUrl, readConfig } from '../../infra/config.ts';
import type { HandoverFacts } from '../../domain/case/hotline-work-order.ts';
import type { ExternalTask } from '../../workers/adapter.ts';

const delivery = (retries: number | null): ExternalTask => ({
  id: 't',
  topic: 'hotline-handover',
  businessKey: 'case',
  processInstanceId: 'p',
  activityId: 'Task_HotlineHandover',
  retries,
  variable: () => undefined,
});

describe('the 12345 handover', () => {
  it('given the engine reports no retries yet, then it is the first attempt; each failure makes the next one', () => {
    assert.equal(attemptNumber(delivery(null)), 1);
    assert.equal(attemptNumber(delivery(HANDOVER_RETRIES - 1)), 2);
    assert.equal(attemptNumber(delivery(1)), HANDOVER_RETRIES);
  });

  it('given repeated failures, then the back-off doubles from the base and is capped at 5 minutes', () => {
    assert.equal(handoverRetryDelayMs(1, 10_000), 10_000);
    assert.equal(handoverRetryDelayMs(2, 10_000), 20_000);
    assert.equal(handoverRetryDelayMs(5, 10_000), 160_000);
    assert.equal(handoverRetryDelayMs(6, 10_000), MAX_RETRY_DELAY_MS);
    assert.equal(handoverRetryDelayMs(HANDOVER_RETRIES, 10_000), MAX_RETRY_DELAY_MS);
    assert.equal(handoverRetryDelayMs(1, 50), 50, 'tests set a small base (HOTLINE_RETRY_BASE_MS)');
  });

  it('given the default base, then the retries together wait out an outage of well over several minutes', () => {
    let total = 0;
    for (let attempt = 1; attempt < HANDOVER_RETRIES; attempt++)
      total += handoverRetryDelayMs(attempt, 10_000);
    assert.ok(total > 60 * 60_000, `${total} ms of back-off before an incident`);
  });

  it('given a 差评, then the work order text names the item, level, content (numbers typed in masked), unit and case', () => {
    const facts: HandoverFacts = {
      caseId: '7d3c3c52-6c1b-4b43-9f5e-0a4c1e1c2f00',
      serviceRecordId: 'SR-1',
      target: 'service',
      itemName: '企业设立登记',
      platformName: null,
      level: 'very-dissatisfied',
      channel: 'window-device',
      tags: ['态度生硬', '推诿扯皮'],
      text: '答复不耐烦',
      ratedAt: new Date('2026-11-26T02:05:00Z'),
      responsibleDepartmentName: '西安市市场监督管理局',
    };
    assert.equal(workOrderTitle(facts), '差评整改：事项“企业设立登记”（非常不满意）');
    const description = workOrderDescription(facts);
    for (const expected of [
      'SR-1',
      '态度生硬、推诿扯皮',
      '答复不耐烦',
      '窗口评价器',
      '2026-11-26 10:05（北京时间）',
      '西安市市场监督管理局（谁办理、谁负责）',
      facts.caseId,
    ]) {
      assert.ok(description.includes(expected), `the description says ${expected}`);
    }
    const typedIn = workOrderDescription({ ...facts, text: '请回电13812345678，身份证610103199001011238' });
    assert.match(typedIn, /文字评价：请回电138\*{4}5678，身份证610\*{11}1238/);
    const platform = { ...facts, target: 'platform' as const, platformName: '陕西政务服务网' };
    assert.match(workOrderTitle(platform), /政务服务平台“陕西政务服务网”/);
    assert.match(workOrderDescription(platform), /谁建设、谁负责/);
  });

  it('given a 综合点评 差评 of an institution (no 办件), then the work order names the institution and says there is no 办件', () => {
    const facts: HandoverFacts = {
      caseId: '7d3c3c52-6c1b-4b43-9f5e-0a4c1e1c2f01',
      serviceRecordId: null,
      target: 'service',
      itemName: null,
      institutionName: '西安市政务服务中心',
      platformName: null,
      level: 'dissatisfied',
      channel: 'suggestion-box',
      tags: ['导询不到位'],
      text: '',
      ratedAt: new Date('2026-11-26T02:05:00Z'),
      responsibleDepartmentName: '西安市市场监督管理局',
    };
    assert.equal(workOrderTitle(facts), '差评整改：政务服务机构“西安市政务服务中心”（不满意）');
    const description = workOrderDescription(facts);
    assert.match(description, /（综合点评，无办件）/);
    assert.match(description, /评价渠道：意见箱/);
    assert.doesNotMatch(description, /办件编号/);
  });

  it('given no hotline configuration, then development uses the local simulator and a 10 s back-off base', () => {
    const config = readConfig({});
    assert.equal(hotlineBaseUrl(config), 'http://127.0.0.1:3012');
    assert.equal(config.hotlineRetryBaseMs, 10_000);
    assert.equal(readConfig({ HOTLINE_RETRY_BASE_MS: '200' }).hotlineRetryBaseMs, 200);
    assert.equal(
      hotlineBaseUrl(readConfig({ HOTLINE_URL: 'https://12345.example/api' })),
      'https://12345.example/api',
    );
  });

  it('given production without HOTLINE_URL or with the development secret, then start fails naming them', () => {
    const production = {
      NODE_ENV: 'production',
      HCP_ENCRYPTION_KEY: 'c'.repeat(64),
      PUBLIC_BASE_URL: 'https://hcp.example',
    };
    const refused = (error: unknown) => error instanceof ConfigError && /HOTLINE_URL/.test(error.message);
    assert.throws(() => readConfig({ ...production, HOTLINE_SECRET: 'a-real-shared-secret' }), refused);
    assert.throws(() => readConfig({ ...production, HOTLINE_URL: 'https://12345.example' }), refused);
    const config = readConfig({
      ...production,
      HOTLINE_URL: 'https://12345.example',
      HOTLINE_SECRET: 'a-real-shared-secret',
    });
    assert.equal(config.hotlineUrl, 'https://12345.example');
  });
});
