import assert from 'node:assert/strict';
import {
  EVALUATION_LEVELS,
  isBadReview,
  isEvaluationLevel,
  LEVEL_LABELS,
} from '../../domain/evaluation/levels.ts';
import { checkBadReviewContent } from '../../domain/evaluation/rules.ts';
import { maskName, maskPhone } from '../../domain/evaluation/masking.ts';
import { routeBadReview } from '../../domain/case/routing.ts';
import { DomainError } from '../../domain/errors.ts';

describe('rating rules (art. 8) and masking (art. 24)', () => {
  it('given the five levels, then exactly 不满意 and 非常不满意 are 差评', () => {
    assert.deepEqual(
      EVALUATION_LEVELS.filter(isBadReview).map((level) => LEVEL_LABELS[level]),
      ['不满意', '非常不满意'],
    );
    assert.equal(isEvaluationLevel('satisfied'), true);
    assert.equal(isEvaluationLevel('5'), false);
  });

  it('given a 差评 with neither tags nor text, then it is refused; with either, it passes', () => {
    assert.throws(
      () => checkBadReviewContent('dissatisfied', [], '   '),
      (error: unknown) => error instanceof DomainError && error.id === 'evaluation.bad_review_needs_content',
    );
    checkBadReviewContent('dissatisfied', ['态度生硬'], '');
    checkBadReviewContent('very-dissatisfied', [], '等了两个小时');
    checkBadReviewContent('satisfied', [], '');
    assert.throws(
      () => checkBadReviewContent('dissatisfied', [], '\u200b\u2060\ufeff\u00a0'),
      (error: unknown) => error instanceof DomainError && error.id === 'evaluation.bad_review_needs_content',
      'zero-width and other invisible characters are no text',
    );
    assert.throws(
      () => checkBadReviewContent('very-dissatisfied', ['\u200b', ' \ufeff'], ''),
      (error: unknown) => error instanceof DomainError && error.id === 'evaluation.bad_review_needs_content',
      'a tag of invisible characters is no content either',
    );
    for (const nothing of ['/', '。。。', '——', '无', '没有。', ' 暂无 ', '😡']) {
      assert.throws(
        () => checkBadReviewContent('dissatisfied', [], nothing),
        (error: unknown) =>
          error instanceof DomainError && error.id === 'evaluation.bad_review_needs_content',
        `${nothing}: says nothing`,
      );
    }
    checkBadReviewContent('dissatisfied', [], '无人接待');
    checkBadReviewContent('dissatisfied', [], '等了2小时');
  });

  it('given contact data, then screens show only a mask', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskPhone('029-88881234'), '029****1234');
    assert.equal(maskPhone('88881234'), '****1234', 'a landline: half of it at most');
    assert.equal(maskPhone('1234567'), '****567');
    assert.equal(maskPhone('029-8888'), '****8888');
    assert.equal(maskPhone('12345'), '***45');
    assert.equal(maskName('张三丰'), '张**');
    assert.equal(maskName('李'), '*');
  });
});

describe('routing a 差评 (art. 17)', () => {
  const facts = {
    handlingDepartmentId: 'xa-market',
    platformBuilderDepartmentId: 'xa-bigdata',
    approvalDepartmentId: 'xa-approval',
  };

  it('given an item 差评, then the handling unit answers for it (谁办理、谁负责)', () => {
    assert.deepEqual(routeBadReview({ ...facts, target: 'service' }), {
      departmentId: 'xa-market',
      rule: 'handled-by',
    });
  });

  it('given a platform 差评, then the builder answers for it (谁建设、谁负责)', () => {
    assert.deepEqual(routeBadReview({ ...facts, target: 'platform' }), {
      departmentId: 'xa-bigdata',
      rule: 'built-by',
    });
  });

  it('given a platform 差评 of a 办件 without platform, then the approval department assigns it', () => {
    assert.deepEqual(routeBadReview({ ...facts, target: 'platform', platformBuilderDepartmentId: null }), {
      departmentId: 'xa-approval',
      rule: 'unroutable',
    });
  });
});
