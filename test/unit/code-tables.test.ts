// Level and channel code tables (issue 5, part of the rating channels): every level maps and maps back,
// unknown codes and the provinces' 系统默认评价 are refused with a stable id.
import assert from 'node:assert/strict';
import {
  channelCodes,
  GB_T_39046_LEVEL_CODES,
  levelCodes,
  PROVINCIAL_CHANNEL_CODES,
  PROVINCIAL_LEVEL_CODES,
} from '../../domain/evaluation/code-tables.ts';
import { EVALUATION_CHANNELS } from '../../domain/evaluation/channels.ts';
import { EVALUATION_LEVELS, LEVEL_LABELS } from '../../domain/evaluation/levels.ts';
import { DomainError } from '../../domain/errors.ts';

const refusedWith = (id: string) => (error: unknown) => error instanceof DomainError && error.id === id;

describe('code tables (GB/T 39046 and provincial interfaces)', () => {
  for (const [name, table] of [
    ['GB/T 39046', GB_T_39046_LEVEL_CODES],
    ['provincial', PROVINCIAL_LEVEL_CODES],
  ] as const) {
    it(`given the ${name} level codes, when every level is mapped to its code and back, then it is the same level`, () => {
      const codes = levelCodes(table);
      for (const level of EVALUATION_LEVELS) assert.equal(codes.toLevel(codes.toCode(level)), level);
      for (const code of Object.keys(table)) assert.equal(codes.toCode(codes.toLevel(code)), code);
    });
  }

  it('given the two scales, then code 1 means 非常满意 in GB/T 39046 and 非常不满意 in the provincial interface', () => {
    assert.equal(LEVEL_LABELS[levelCodes(GB_T_39046_LEVEL_CODES).toLevel(1)], '非常满意');
    assert.equal(LEVEL_LABELS[levelCodes(PROVINCIAL_LEVEL_CODES).toLevel('1')], '非常不满意');
    assert.equal(LEVEL_LABELS[levelCodes(PROVINCIAL_LEVEL_CODES).toLevel(5)], '非常满意');
  });

  it('given an unknown level code, then it is refused with code_table.unknown_level_code', () => {
    const codes = levelCodes(PROVINCIAL_LEVEL_CODES);
    for (const code of ['0', '6', '', 'satisfied', 'toString', '__proto__']) {
      assert.throws(() => codes.toLevel(code), refusedWith('code_table.unknown_level_code'), code);
    }
  });

  it('given a level table that misses or repeats a level, then building it fails', () => {
    assert.throws(() => levelCodes({ ...GB_T_39046_LEVEL_CODES, '5': 'satisfied' }), /two codes/);
    const four = Object.fromEntries(Object.entries(GB_T_39046_LEVEL_CODES).filter(([code]) => code !== '5'));
    assert.throws(() => levelCodes(four), /no code for very-dissatisfied/);
  });

  it('given the provincial channel codes 1–6, then each maps to one of our channels and back', () => {
    const codes = channelCodes(PROVINCIAL_CHANNEL_CODES);
    for (const code of ['1', '2', '3', '4', '5', '6']) {
      const channel = codes.toChannel(code);
      assert.ok(EVALUATION_CHANNELS.includes(channel));
      assert.equal(codes.toCode(channel), code);
    }
    assert.equal(codes.toChannel(6), 'sms');
    assert.equal(codes.toCode('hotline'), undefined, 'no provincial code for 12345');
  });

  it("given channel code 7 (系统默认评价), then it is refused: Xi'an never defaults a rating", () => {
    const codes = channelCodes(PROVINCIAL_CHANNEL_CODES);
    assert.throws(() => codes.toChannel('7'), refusedWith('code_table.default_rating_refused'));
    assert.throws(() => codes.toChannel('8'), refusedWith('code_table.unknown_channel_code'));
  });
});
