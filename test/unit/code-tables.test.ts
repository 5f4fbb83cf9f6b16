// Level and channel code tables (issue 5, part of the rating channels): every level maps and maps back,
// unknown codes and the provinces' 系统默认评价 are refused with a stable id; the provinces' tables are
// reviewed files (code-tables/), each checked whole when loaded.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_TABLES_DIR } from '../../code-tables/index.ts';
import {
  channelCodes,
  codeTable,
  GB_T_39046_LEVEL_CODES,
  levelCodes,
  type ChannelCodeTable,
  type LevelCodeTable,
} from '../../domain/evaluation/code-tables.ts';
import { loadCodeTables } from '../../infra/code-table-files.ts';
import { EVALUATION_CHANNELS } from '../../domain/evaluation/channels.ts';
import { EVALUATION_LEVELS, LEVEL_LABELS } from '../../domain/evaluation/levels.ts';
import { DomainError } from '../../domain/errors.ts';

const PROVINCIAL_FILE = JSON.parse(readFileSync(join(CODE_TABLES_DIR, 'provincial.json'), 'utf8')) as {
  levels: LevelCodeTable;
  channels: ChannelCodeTable;
};
const PROVINCIAL_LEVEL_CODES = PROVINCIAL_FILE.levels;
const PROVINCIAL_CHANNEL_CODES = PROVINCIAL_FILE.channels;

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

  describe('the tables as files (code-tables/, CODE_TABLES_DIR)', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'hcp-code-tables-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const write = (name: string, content: unknown) =>
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    const gbScale = {
      name: '某省接口（满意度按 GB/T 39046）',
      levels: GB_T_39046_LEVEL_CODES,
      channels: { '01': 'online-hall', '02': 'mobile', '09': 'system-default' },
    };

    it('given the shipped tables, then provincial loads, named in Chinese, and maps as the interface in use', () => {
      const provincial = loadCodeTables().get('provincial')!;
      assert.match(provincial.name, /省级/);
      assert.equal(provincial.levels.toLevel('1'), 'very-dissatisfied');
      assert.equal(provincial.channels.toChannel('4'), 'window-device');
    });

    it('given a second province’s table in CODE_TABLES_DIR, then both load and code 1 means what each says', () => {
      write('gb-scale.json', gbScale);
      const tables = loadCodeTables({ extraDir: dir });
      assert.deepEqual([...tables.keys()].sort(), ['gb-scale', 'provincial']);
      assert.equal(tables.get('gb-scale')!.levels.toLevel(1), 'very-satisfied');
      assert.equal(tables.get('provincial')!.levels.toLevel(1), 'very-dissatisfied');
      assert.equal(tables.get('gb-scale')!.channels.toChannel('02'), 'mobile');
      assert.throws(
        () => tables.get('gb-scale')!.channels.toChannel('09'),
        refusedWith('code_table.default_rating_refused'),
      );
      assert.throws(
        () => tables.get('gb-scale')!.channels.toChannel('3'),
        refusedWith('code_table.unknown_channel_code'),
      );
    });

    it('given a table whose codes have leading zeros, then a partner sending the number (1, "1") finds its code ("01"); letters are matched as written', () => {
      write('gb-scale.json', {
        ...gbScale,
        levels: {
          '01': 'very-satisfied',
          '02': 'satisfied',
          '03': 'basically-satisfied',
          '04': 'dissatisfied',
          A5: 'very-dissatisfied',
        },
      });
      const table = loadCodeTables({ extraDir: dir }).get('gb-scale')!;
      assert.equal(table.channels.toChannel(2), 'mobile');
      assert.equal(table.channels.toChannel('2'), 'mobile');
      assert.equal(table.channels.toChannel(' 002 '), 'mobile');
      assert.throws(() => table.channels.toChannel(9), refusedWith('code_table.default_rating_refused'));
      assert.equal(table.levels.toLevel(1), 'very-satisfied');
      assert.equal(table.levels.toLevel('A5'), 'very-dissatisfied');
      assert.throws(() => table.levels.toLevel('a5'), refusedWith('code_table.unknown_level_code'));
      assert.throws(() => table.levels.toLevel(5), refusedWith('code_table.unknown_level_code'));
      assert.equal(table.levels.toCode('satisfied'), '02', 'mapped back as the table writes it');
    });

    const badFiles: [string, string, unknown, RegExp][] = [
      [
        'a level missing',
        'four.json',
        { ...gbScale, levels: { '1': 'very-satisfied' } },
        /no code for satisfied/,
      ],
      [
        'an unknown level',
        'odd.json',
        { ...gbScale, levels: { ...GB_T_39046_LEVEL_CODES, '6': 'so-so' } },
        /unknown level "so-so"/,
      ],
      [
        'a channel twice',
        'twice.json',
        { ...gbScale, channels: { '1': 'sms', '2': 'sms' } },
        /sms has two codes/,
      ],
      ['an unknown channel', 'fax.json', { ...gbScale, channels: { '1': 'fax' } }, /unknown channel "fax"/],
      [
        'no name',
        'anon.json',
        { levels: gbScale.levels, channels: gbScale.channels },
        /name: a non-empty string/,
      ],
      ['an unknown field', 'extra.json', { ...gbScale, default: '3' }, /unknown field\(s\): default/],
      ['a bad code', 'code.json', { ...gbScale, channels: { 'a b': 'sms' } }, /code "a b" is not/],
      [
        'a code longer than the partner API takes',
        'long.json',
        { ...gbScale, channels: { '12345': 'sms' } },
        /code "12345" is not 1–4/,
      ],
      [
        '"1" and "01"',
        'padded.json',
        { ...gbScale, channels: { '1': 'sms', '01': 'mobile' } },
        /codes "1" and "01" are one number/,
      ],
      ['no channel', 'silent.json', { ...gbScale, channels: {} }, /channels: none given/],
      [
        'a level twice',
        'twice-level.json',
        { ...gbScale, levels: { ...GB_T_39046_LEVEL_CODES, '5': 'satisfied' } },
        /satisfied has two codes/,
      ],
      [
        'a prototype key',
        'proto.json',
        '{"name":"x","levels":{"__proto__":"satisfied"},"channels":{"1":"sms"}}',
        /proto\.json/,
      ],
      ['not JSON', 'broken.json', '{ "name": ', /broken\.json/],
      ['a file name that is no id', 'Shaanxi Province.json', gbScale, /file name must be the table id/],
      ['the shipped id again', 'provincial.json', gbScale, /table provincial is defined twice/],
    ];
    for (const [what, name, content, problem] of badFiles) {
      it(`given a table with ${what}, then loading refuses every table and names the file`, () => {
        write(name, content);
        assert.throws(
          () => loadCodeTables({ extraDir: dir }),
          (error: unknown) =>
            error instanceof Error && problem.test(error.message) && error.message.includes(name),
        );
      });
    }

    it('given the table builder alone, then its errors list every problem at once', () => {
      assert.throws(
        () => codeTable('x', { name: '', levels: [], channels: { '1': 1 } }),
        /name: .*levels: must be an object.*channels: code "1" must map to a string/,
      );
    });
  });
});
