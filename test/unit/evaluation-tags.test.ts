// The preset tag table (art. 8 preset content, by the dimensions of art. 7), the rating page's address and
// its configuration (issue 5).
import assert from 'node:assert/strict';
import {
  checkTagLabel,
  checkTags,
  PRESET_TAGS,
  tagsAsOffered,
  tagsForLevel,
  tagTableInForce,
} from '../../domain/evaluation/tags.ts';
import { DomainError } from '../../domain/errors.ts';
import { EVALUATION_DIMENSIONS, ratedDimensions } from '../../domain/evaluation/dimensions.ts';
import { EVALUATION_LEVELS, isBadReview } from '../../domain/evaluation/levels.ts';
import { ratingPageUrl } from '../../domain/evaluation/rating-links.ts';
import { readConfig, ConfigError } from '../../infra/config.ts';

describe('preset rating tags', () => {
  it('given ticked tags, then each must be offered for the level by the table in force (art. 8)', () => {
    const table = tagTableInForce(PRESET_TAGS, [
      { ...PRESET_TAGS.find((tag) => tag.code === 'environment.unclear-signs')!, active: false },
    ]);
    checkTags('dissatisfied', ['态度生硬', '窗口空岗'], table);
    checkTags('satisfied', ['热情周到'], table);
    checkTags('basically-satisfied', ['导询不到位'], table);
    for (const [level, tags, tag] of [
      ['dissatisfied', ['态度生硬', '热情周到'], '热情周到'],
      ['satisfied', ['态度生硬'], '态度生硬'],
      ['dissatisfied', ['标识不清'], '标识不清'],
      ['very-dissatisfied', ['差'], '差'],
    ] as const) {
      assert.throws(
        () => checkTags(level, tags, table),
        (error: unknown) =>
          error instanceof DomainError &&
          error.id === 'evaluation.unknown_tag' &&
          error.details.tag === tag &&
          !(error.details.offered as string[]).includes('标识不清'),
        `${level} ${tags.join('、')}`,
      );
    }
  });

  it('given tags read from an imported form, then each matches an offered label in its compatibility form and comes back as the label is defined', () => {
    // Regression: a label with （） was never matched, as the form's cell is read with ( ).
    const table = tagTableInForce(PRESET_TAGS, [
      {
        code: 'quality.too-many-copies',
        label: '收取材料过多（复印件）',
        dimension: 'quality',
        polarity: 'bad',
        active: true,
      },
    ]);
    assert.deepEqual(
      tagsAsOffered(
        'dissatisfied',
        ['收取材料过多(复印件)', '收取材料过多（复印件）', '材料繁琐/重复提交'],
        table,
      ),
      ['收取材料过多（复印件）', '收取材料过多（复印件）', '材料繁琐/重复提交'],
    );
    // A shipped label with an ASCII sign still matches the cell read in its compatibility form.
    assert.deepEqual(tagsAsOffered('dissatisfied', ['材料繁琐／重复提交'], table), ['材料繁琐/重复提交']);
    // Unknown, or not offered for the level: kept as written, for checkTags to refuse.
    assert.deepEqual(tagsAsOffered('satisfied', ['收取材料过多(复印件)', '服务很好'], table), [
      '收取材料过多(复印件)',
      '服务很好',
    ]);
    assert.deepEqual(tagsAsOffered('satisfied', [], table), []);
    checkTags('dissatisfied', tagsAsOffered('dissatisfied', ['收取材料过多(复印件)'], table), table);
  });

  it('given a label with a separator of the tags on a form (、，,；; or a line break), then evaluation_tag.label_has_separator naming it', () => {
    for (const [label, separator] of [
      ['等候过久、无人引导', '、'],
      ['等候过久，无人引导', '，'],
      ['等候过久,无人引导', ','],
      ['等候过久；无人引导', '；'],
      ['等候过久;无人引导', ';'],
      ['等候过久\n无人引导', '\n'],
      ['等候过久\ufe50无人引导', ','],
    ] as const) {
      assert.throws(
        () => checkTagLabel(label),
        (error: unknown) =>
          error instanceof DomainError &&
          error.id === 'evaluation_tag.label_has_separator' &&
          error.details.label === label &&
          error.details.separator === separator,
        label,
      );
    }
    for (const label of [
      '收取材料过多（复印件）',
      '材料繁琐/重复提交',
      ...PRESET_TAGS.map((tag) => tag.label),
    ]) {
      checkTagLabel(label);
    }
  });

  it('gives every tag a unique, stable code and a label the rating API accepts', () => {
    const codes = PRESET_TAGS.map((tag) => tag.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const tag of PRESET_TAGS) {
      assert.match(tag.code, new RegExp(`^${tag.dimension}\\.[a-z-]+$`));
      assert.ok(tag.label.length <= 64);
    }
  });

  it('has the 差评 content of every dimension', () => {
    for (const dimension of EVALUATION_DIMENSIONS) {
      assert.ok(
        PRESET_TAGS.some((tag) => tag.dimension === dimension && tag.polarity === 'bad'),
        dimension,
      );
    }
    assert.deepEqual(
      PRESET_TAGS.filter((tag) => tag.dimension === 'attitude' && tag.polarity === 'bad').map(
        (tag) => tag.label,
      ),
      ['不一次性告知', '推诿扯皮', '态度生硬'],
    );
  });

  it('offers the 差评 content for every 差评 level and praise for 非常满意 and 满意', () => {
    for (const level of EVALUATION_LEVELS) {
      const polarity = isBadReview(level) || level === 'basically-satisfied' ? 'bad' : 'good';
      assert.ok(tagsForLevel(level).length > 0);
      assert.ok(
        tagsForLevel(level).every((tag) => tag.polarity === polarity),
        level,
      );
    }
  });

  it('keeps only the dimensions a rater rated', () => {
    assert.equal(ratedDimensions(undefined), null);
    assert.equal(ratedDimensions({}), null);
    assert.deepEqual(ratedDimensions({ quality: 'satisfied' }), { quality: 'satisfied' });
  });
});

describe('the rating page address', () => {
  it('leads a receipt QR code to its 办件 with its 评价码 and a window QR code to the window', () => {
    assert.equal(
      ratingPageUrl('https://hcp.example.gov/', { serviceRecordId: 'SR-1', ratingCode: '01234567' }),
      'https://hcp.example.gov/rate?sr=SR-1&code=01234567',
    );
    assert.equal(
      ratingPageUrl('http://127.0.0.1:3000', { windowId: 'xa hall' }),
      'http://127.0.0.1:3000/rate?window=xa+hall',
    );
  });

  it('comes from PUBLIC_BASE_URL, by default this server on its port', () => {
    assert.equal(readConfig({}).publicBaseUrl, 'http://127.0.0.1:3000');
    assert.equal(readConfig({ PORT: '4000' }).publicBaseUrl, 'http://127.0.0.1:4000');
    assert.equal(
      readConfig({ PUBLIC_BASE_URL: 'https://pj.xa.gov.cn/' }).publicBaseUrl,
      'https://pj.xa.gov.cn',
    );
    assert.throws(() => readConfig({ PUBLIC_BASE_URL: 'not a url' }), ConfigError);
    assert.throws(() => readConfig({ PUBLIC_BASE_URL: 'ftp://x.example' }), ConfigError);
  });
});

describe('the tag table in force (issue 5)', () => {
  it('given saved versions, then each replaces its default by code, retired ones drop out and new ones follow the defaults', async () => {
    const { tagTableInForce } = await import('../../domain/evaluation/tags.ts');
    const table = tagTableInForce(PRESET_TAGS, [
      { code: 'attitude.harsh', label: '态度冷漠', dimension: 'attitude', polarity: 'bad', active: true },
      {
        code: 'environment.tidy',
        label: '环境整洁',
        dimension: 'environment',
        polarity: 'good',
        active: false,
      },
      { code: 'attitude.patient', label: '耐心解答', dimension: 'attitude', polarity: 'good', active: true },
    ]);
    assert.equal(table.length, PRESET_TAGS.length, 'one retired, one added');
    assert.equal(table.find((tag) => tag.code === 'attitude.harsh')?.label, '态度冷漠');
    assert.ok(!table.some((tag) => tag.code === 'environment.tidy'));
    assert.equal(table[table.length - 1]?.code, 'attitude.patient');
    assert.deepEqual(
      table.map((tag) => tag.code).slice(0, 3),
      PRESET_TAGS.map((tag) => tag.code).slice(0, 3),
      'the defaults keep their order',
    );
  });
});
