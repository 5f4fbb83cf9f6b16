// Reading SMS replies to the reminder (art. 13): the first digit on the GB/T 39046 scale, the rest the text;
// a score on another scale ("10", "5分") is unreadable rather than read backwards, and so is a count or an
// ordinal written straight after the digit ("1号窗口…", "3次…").
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.ts';
import { readSmsReply } from '../../domain/evaluation/sms-reply.ts';

describe('SMS replies (issue 5, art. 13)', () => {
  it('given a digit 1–5, full-width or not, with or without text, then its level and the text after it', () => {
    assert.deepEqual(readSmsReply('1'), { level: 'very-satisfied', text: '' });
    assert.deepEqual(readSmsReply(' ５ 等太久了'), { level: 'very-dissatisfied', text: '等太久了' });
    assert.deepEqual(readSmsReply('4，态度不好'), { level: 'dissatisfied', text: '态度不好' });
    assert.deepEqual(readSmsReply('2很好'), { level: 'satisfied', text: '很好' });
    assert.deepEqual(readSmsReply('5 10分钟没人理'), { level: 'very-dissatisfied', text: '10分钟没人理' });
    assert.deepEqual(readSmsReply('4. 等候太久'), { level: 'dissatisfied', text: '等候太久' });
    assert.deepEqual(readSmsReply('4，2个小时没人理'), { level: 'dissatisfied', text: '2个小时没人理' });
    assert.deepEqual(readSmsReply('4,3个窗口都没人'), { level: 'dissatisfied', text: '3个窗口都没人' });
    // The rater's own punctuation is kept: only the digit is read in its compatibility form.
    assert.deepEqual(readSmsReply('４，等候时间长，窗口①号没人'), {
      level: 'dissatisfied',
      text: '等候时间长，窗口①号没人',
    });
    // Text that begins with a character that can also count something is text.
    for (const [reply, level, text] of [
      ['5 人员态度差', 'very-dissatisfied', '人员态度差'],
      ['4 回复太慢', 'dissatisfied', '回复太慢'],
      ['4 多头跑部门', 'dissatisfied', '多头跑部门'],
      ['5 个别工作人员态度差', 'very-dissatisfied', '个别工作人员态度差'],
      ['4 半天没人理', 'dissatisfied', '半天没人理'],
      ['3 点击链接打不开', 'basically-satisfied', '点击链接打不开'],
      ['1 位置好找', 'very-satisfied', '位置好找'],
    ] as const) {
      assert.deepEqual(readSmsReply(reply), { level, text }, reply);
    }
    // Written straight after the digit: a level word, or a word of degree that begins a judgement.
    for (const [reply, level, text] of [
      ['2满意', 'satisfied', '满意'],
      ['1非常满意，办得很快', 'very-satisfied', '非常满意，办得很快'],
      ['3基本满意', 'basically-satisfied', '基本满意'],
      ['4不满意：等太久', 'dissatisfied', '不满意：等太久'],
      ['5非常不满意', 'very-dissatisfied', '非常不满意'],
      ['5太慢了', 'very-dissatisfied', '太慢了'],
      ['3还行', 'basically-satisfied', '还行'],
      ['4、材料要了三遍', 'dissatisfied', '材料要了三遍'],
      ['1！', 'very-satisfied', '！'],
      ['5（窗口没人）', 'very-dissatisfied', '（窗口没人）'],
    ] as const) {
      assert.deepEqual(readSmsReply(reply), { level, text }, reply);
    }
    assert.deepEqual(readSmsReply('𝟓 态度差'), { level: 'very-dissatisfied', text: '态度差' });
    assert.deepEqual(readSmsReply('3 starting slow'), {
      level: 'basically-satisfied',
      text: 'starting slow',
    });
  });

  const otherScales = [
    '10',
    '１０',
    '55',
    '5分',
    '5星',
    '5颗星',
    '5 分',
    '5/5',
    '5 / 5',
    '4.5',
    '4,5',
    '5 stars',
  ];
  // A quantity, not a level: praise read as 非常不满意, a complaint as 非常满意.
  const quantities = [
    '5分钟就办好了，非常满意',
    '1小时才办完，太慢了',
    '2个小时没人理',
    '3天了还没办好',
    '5 分钟搞定',
  ];
  // A count or an ordinal written straight after the digit continues a number: the digit is no level there
  // ("1号窗口态度很差" was stored as 非常满意 with the text "号窗口态度很差", opening no case).
  const countsAndOrdinals = [
    '1号窗口态度很差',
    '3次都没办成，太麻烦',
    '2趟都没办成',
    '5号楼办事很快',
    '2个小时没人理',
    '1回就办好了',
    '2家单位来回跑',
    '3楼没有指示牌',
    '4位工作人员都不在',
    '2h没人理',
    '5#楼',
    '5%的材料是重复的',
    '1-2小时才办完',
    '5～10分钟就好了',
    '3:15到的，等到现在',
    '1,000元的材料费',
    '5⭐',
    '5 ★★★★★',
  ];
  for (const reply of [
    ...otherScales,
    ...quantities,
    ...countsAndOrdinals,
    '5 Points',
    '1 0',
    '5 10分',
    '0',
    '6',
    '好评',
    '',
  ]) {
    it(`given ${JSON.stringify(reply)}, then it is unreadable and rates nothing`, () => {
      assert.throws(
        () => readSmsReply(reply),
        (error: unknown) => error instanceof DomainError && error.id === 'sms.unreadable_reply',
      );
    });
  }
});
