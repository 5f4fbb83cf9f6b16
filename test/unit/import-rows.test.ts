// Reading imported sheet rows (issue 5): the cells of paper forms, 综合点评 and 监督查评 into the rating
// inputs the rules judge, each bad cell a DomainError naming its column; the sibling ledger's canonical row.
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.ts';
import { formRatedAt, PAPER_FORM_LAYOUT, readPaperFormRow } from '../../domain/imports/paper-form-sheet.ts';
import { readSubjectRow, SUBJECT_LAYOUTS } from '../../domain/imports/subject-sheet.ts';
import { prepareSubjectEvaluation } from '../../domain/evaluation/subject-rating.ts';
import { canonicalSubjectRow, subjectChainHash } from '../../domain/evaluation/subject-ledger.ts';
import { GENESIS_HASH } from '../../domain/evaluation/ledger.ts';
import { PRESET_TAGS } from '../../domain/evaluation/tags.ts';

const NOW = new Date('2026-11-26T02:00:00Z');
const row = (cells: Record<string, string>) => ({ rowNumber: 2, cells });
const protector = {
  encrypt: (plain: string) => `enc(${plain})`,
  lookupHash: (value: string) => `h(${value})`,
};

function refusal(read: () => unknown): { id: string; details: Record<string, unknown> } {
  try {
    read();
  } catch (error: unknown) {
    assert.ok(error instanceof DomainError);
    return { id: error.id, details: error.details };
  }
  assert.fail('expected a refusal');
}

describe('imported rows (issue 5)', () => {
  it('given a paper form row, then levels and dimensions map from Chinese, tags split on 、，; and the date is Beijing time', () => {
    const { input, ratedOn } = readPaperFormRow(
      row({
        办件编号: ' XA-1 ',
        评价等级: '非常不满意',
        服务效率: '不满意',
        标签: '态度生硬、 窗口空岗；业务不熟练',
        实名: '实名',
        联系电话: '138 1234 5678',
        评价日期: '2026/11/25 9:05',
      }),
      NOW,
    );
    assert.equal(input.serviceRecordId, 'XA-1');
    assert.equal(input.level, 'very-dissatisfied');
    assert.deepEqual(input.dimensions, { efficiency: 'dissatisfied' });
    assert.deepEqual(input.tags, ['态度生硬', '窗口空岗', '业务不熟练']);
    assert.equal(input.realName, true);
    assert.equal(input.rater?.phone, '13812345678');
    assert.equal(input.channel, 'paper-form');
    assert.equal(ratedOn?.at.toISOString(), '2026-11-25T01:05:00.000Z');
    assert.equal(ratedOn?.dayOnly, false);
  });

  it('given cells typed with a Chinese input method (full-width digits and signs, spaces in a label, 年月日), then they read as their ASCII forms; free text stays as written', () => {
    const { input, ratedOn } = readPaperFormRow(
      row({
        办件编号: 'ＸＡ－１',
        评价等级: '不　满　意',
        标签: '材料繁琐／重复提交，业务不熟练',
        文字评价: '等了两小时（上午）',
        实名: '是',
        评价人: '张三',
        联系电话: '１３８１２３４５６７８',
        评价日期: '２０２６－１１－２５　９：０５',
      }),
      NOW,
    );
    assert.equal(input.serviceRecordId, 'XA-1');
    assert.equal(input.level, 'dissatisfied');
    assert.deepEqual(input.tags, ['材料繁琐/重复提交', '业务不熟练']);
    assert.equal(input.text, '等了两小时（上午）');
    assert.equal(input.rater?.phone, '13812345678');
    assert.equal(ratedOn?.at.toISOString(), '2026-11-25T01:05:00.000Z');
    for (const [written, iso, dayOnly] of [
      ['2026年11月25日', '2026-11-24T16:00:00.000Z', true],
      ['2026年11月25', '2026-11-24T16:00:00.000Z', true],
      ['2026年11月25日 9时05分', '2026-11-25T01:05:00.000Z', false],
      ['2026年11月25日09:05:30', '2026-11-25T01:05:30.000Z', false],
    ] as const) {
      const read = readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 评价日期: written }), NOW);
      assert.equal(read.ratedOn?.at.toISOString(), iso, written);
      assert.equal(read.ratedOn?.dayOnly, dayOnly, written);
    }
    assert.equal(
      refusal(() =>
        readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 评价日期: '2026-11-2509:05' }), NOW),
      ).id,
      'import.invalid_date',
    );
  });

  it('given a form dated without a time, then it counts from the moment its 办件 was accepted or completed that day, else from the start of the day', () => {
    const day = { at: new Date('2026-11-25T00:00:00+08:00'), dayOnly: true };
    const completed = {
      acceptedAt: new Date('2026-11-20T09:00:00+08:00'),
      completedAt: new Date('2026-11-25T10:00:00+08:00'),
    };
    assert.equal(formRatedAt(day, completed).toISOString(), '2026-11-25T02:00:00.000Z');
    const acceptedThatDay = { acceptedAt: new Date('2026-11-25T09:30:00+08:00'), completedAt: null };
    assert.equal(formRatedAt(day, acceptedThatDay).toISOString(), '2026-11-25T01:30:00.000Z');
    const completedNextDay = { ...completed, completedAt: new Date('2026-11-26T00:00:00+08:00') };
    assert.equal(formRatedAt(day, completedNextDay).getTime(), day.at.getTime());
    assert.equal(formRatedAt(day, undefined).getTime(), day.at.getTime());
    const withTime = { at: new Date('2026-11-25T08:00:00+08:00'), dayOnly: false };
    assert.equal(formRatedAt(withTime, completed).getTime(), withTime.at.getTime(), 'a written time stands');
  });

  it('given the header names both layouts share (评价人姓名, 手机号码, 评价内容, 评价时间 of GB/T 39046), then both read them', () => {
    for (const { aliases } of [PAPER_FORM_LAYOUT, ...Object.values(SUBJECT_LAYOUTS)]) {
      assert.equal(aliases['评价人姓名'], '评价人');
      assert.equal(aliases['手机号码'], '联系电话');
      assert.equal(aliases['评价内容'], '标签');
      assert.equal(aliases['评价时间'], '评价日期');
    }
  });

  it('given bad cells, then each refusal names its column', () => {
    assert.deepEqual(
      refusal(() => readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 服务态度: '好' }), NOW)),
      {
        id: 'evaluation.unknown_level',
        details: { column: '服务态度', level: '好' },
      },
    );
    assert.equal(
      refusal(() => readPaperFormRow(row({ 办件编号: 'X' }), NOW)).id,
      'import.required_cell_empty',
    );
    assert.equal(
      refusal(() =>
        readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 标签: Array(21).fill('a').join('、') }), NOW),
      ).id,
      'import.too_many_tags',
    );
    assert.equal(
      refusal(() => readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 评价日期: '2026-02-30' }), NOW))
        .id,
      'import.invalid_date',
    );
    for (const text of ['等了\u0000很久', '等了\ud800很久', '\udfff']) {
      assert.deepEqual(
        refusal(() => readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 文字评价: text }), NOW)),
        { id: 'import.unstorable_text', details: { column: '文字评价' } },
      );
    }
    assert.equal(
      readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 文字评价: '点赞👍' }), NOW).input.text,
      '点赞👍',
      'a surrogate pair is one character, stored as it is',
    );
  });

  it('given a choice cell naming what every object answers to ("constructor", "toString", "__proto__"), then import.unknown_choice with its value, not a choice', () => {
    // Regression: the lookup found the properties every object inherits, and the bogus value reached PostgreSQL.
    for (const value of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const paper = refusal(() =>
        readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 评价对象: value }), NOW),
      );
      assert.equal(paper.id, 'import.unknown_choice', value);
      assert.equal(paper.details.column, '评价对象');
      assert.equal(paper.details.value, value);
      assert.deepEqual(paper.details.known, ['办件服务', '事项服务', '政务服务平台', '平台']);
      const cells = { 来源编号: 'S-1', 评价对象编号: 'w', 评价等级: '满意' };
      for (const [column, extra] of [
        ['渠道', { 渠道: value, 评价对象类型: '窗口' }],
        ['评价对象类型', { 渠道: '意见箱', 评价对象类型: value }],
      ] as const) {
        const subject = refusal(() => readSubjectRow(row({ ...cells, ...extra }), 'public-comment', NOW));
        assert.deepEqual(
          [subject.id, subject.details.column, subject.details.value],
          ['import.unknown_choice', column, value],
        );
      }
    }
    // The labels printed on the form still read.
    assert.equal(
      readPaperFormRow(row({ 办件编号: 'X', 评价等级: '满意', 评价对象: '政务服务平台' }), NOW).input.target,
      'platform',
    );
  });

  it('given a tag cell with full-width brackets among its contents, then it splits on the separators only and reads each in its compatibility form', () => {
    const { input } = readPaperFormRow(
      row({
        办件编号: 'X',
        评价等级: '不满意',
        标签: '收取材料过多（复印件）、态度生硬；窗口空岗\n导询不到位',
      }),
      NOW,
    );
    assert.deepEqual(input.tags, ['收取材料过多(复印件)', '态度生硬', '窗口空岗', '导询不到位']);
  });

  it('given a survey row without a channel, then its channel is survey; a public comment must name one', () => {
    const cells = { 来源编号: 'DC-1', 评价对象类型: '平台', 评价对象编号: 'p', 评价等级: '满意' };
    assert.equal(readSubjectRow(row(cells), 'supervision-survey', NOW).input.channel, 'survey');
    assert.deepEqual(readSubjectRow(row(cells), 'supervision-survey', NOW).input.subject, {
      type: 'platform',
      id: 'p',
    });
    assert.equal(
      refusal(() => readSubjectRow(row(cells), 'public-comment', NOW)).id,
      'import.required_cell_empty',
    );
  });

  it("given 综合点评 written in the measures' own words (热线电话, 12345, 电子邮箱, 政务服务机构), then they read as the channel and subject type they name", () => {
    const cells = { 来源编号: 'GD-1', 评价对象编号: 'xa-hall-w01', 评价等级: '满意' };
    const read = (channel: string, type = '服务机构') =>
      readSubjectRow(row({ ...cells, 渠道: channel, 评价对象类型: type }), 'public-comment', NOW).input;
    const channels = ['热线电话', '12345', '１２３４５', '电子邮箱', '电子邮件', '热线', '意见箱'];
    assert.deepEqual(
      channels.map((channel) => read(channel).channel),
      ['hotline', 'hotline', 'hotline', 'email', 'email', 'hotline', 'suggestion-box'],
    );
    assert.deepEqual(read('意见箱', '政务服务机构').subject, { type: 'institution', id: 'xa-hall-w01' });
  });

  it('given the layouts, then a 综合点评 sheet must have the 渠道 column and a 监督查评 sheet need not (its channel is 调查)', () => {
    assert.ok(SUBJECT_LAYOUTS['public-comment'].required.includes('渠道'));
    assert.ok(!SUBJECT_LAYOUTS['supervision-survey'].required.includes('渠道'));
    for (const layout of Object.values(SUBJECT_LAYOUTS)) {
      assert.deepEqual(
        ['来源编号', '评价对象类型', '评价对象编号', '评价等级'].filter(
          (column) => !layout.required.includes(column),
        ),
        [],
      );
    }
  });

  it('given a date before the working calendar (a cell holding only a time reads as 1899-12-30), then import.date_too_early naming it', () => {
    const cells = {
      来源编号: 'S-1',
      渠道: '意见箱',
      评价对象类型: '窗口',
      评价对象编号: 'w',
      评价等级: '满意',
    };
    assert.deepEqual(
      refusal(() =>
        readSubjectRow(row({ ...cells, 评价日期: '1899-12-30 10:30:00' }), 'public-comment', NOW),
      ),
      {
        id: 'import.date_too_early',
        details: { column: '评价日期', value: '1899-12-30 10:30:00', earliestYear: 2000 },
      },
    );
  });

  it('given a rating without a 办件, then art. 8, the channel of its kind and its subject are checked in that order', () => {
    const input = {
      kind: 'public-comment' as const,
      channel: 'survey' as const,
      sourceRef: 'S-1',
      subject: { type: 'institution' as const, id: 'w' },
      level: 'dissatisfied' as const,
      tags: [],
      text: '',
      realName: false,
      ratedAt: NOW,
    };
    const context = {
      subjectExists: false,
      presetTags: PRESET_TAGS,
      protector,
      id: 'id-1',
      recordedBy: '赵六',
    };
    assert.equal(
      refusal(() => prepareSubjectEvaluation(input, context)).id,
      'evaluation.bad_review_needs_content',
    );
    assert.deepEqual(
      refusal(() => prepareSubjectEvaluation({ ...input, tags: ['热情周到'] }, context)),
      {
        id: 'evaluation.unknown_tag',
        details: {
          tag: '热情周到',
          offered: PRESET_TAGS.filter((tag) => tag.polarity === 'bad').map((tag) => tag.label),
        },
      },
      'praise is no content of a 差评',
    );
    const withText = { ...input, text: '不好' };
    assert.equal(
      refusal(() => prepareSubjectEvaluation(withText, context)).id,
      'subject_evaluation.channel_not_of_kind',
    );
    const byEmail = { ...withText, channel: 'email' as const };
    assert.equal(
      refusal(() => prepareSubjectEvaluation(byEmail, context)).id,
      'subject_evaluation.unknown_subject',
    );
    const stored = prepareSubjectEvaluation(
      { ...byEmail, rater: { name: '周七', phone: '13900001111' } },
      { ...context, subjectExists: true },
    );
    assert.deepEqual([stored.raterNameMasked, stored.raterPhoneEncrypted], ['周*', 'enc(13900001111)']);
  });

  it('given a subject rating, then its canonical row lists every hashed field in a fixed order and the hash changes with any of them', () => {
    const rating = {
      id: 'id-1',
      kind: 'supervision-survey' as const,
      channel: 'survey' as const,
      sourceRef: 'DC-1',
      subject: { type: 'item' as const, id: 'XA-SC-0001' },
      level: 'satisfied',
      dimensions: { quality: 'dissatisfied' as const },
      tags: ['一次办好'],
      text: '',
      realName: false,
      raterNameEncrypted: null,
      raterPhoneEncrypted: null,
      ratedAt: NOW,
      recordedBy: '赵六',
    };
    assert.equal(
      canonicalSubjectRow(rating),
      '["id-1","supervision-survey","survey","DC-1",null,"XA-SC-0001",null,"satisfied",null,"dissatisfied",null,null,["一次办好"],"",false,null,null,"2026-11-26T02:00:00.000Z","赵六"]',
    );
    const base = subjectChainHash(GENESIS_HASH, rating);
    assert.notEqual(subjectChainHash(GENESIS_HASH, { ...rating, recordedBy: '别人' }), base);
    assert.notEqual(subjectChainHash(GENESIS_HASH, { ...rating, dimensions: null }), base);
  });
});
