import { describe, expect, it } from 'vitest';
import {
  anywhereFrom,
  decodePinyin,
  isPinyinQuadNeedle,
  pinyinForms,
  pinyinNeedles,
  pinyinQuadSequence,
  pinyinSearchValues,
} from './pinyin.ts';
import { normalizeSearchText, searchDocument, searchNeedles, searchTokenText } from './search-text.ts';

/** Whether a record whose search text is made of `values` is found by `query`, as the substring search decides. */
function finds(values: Array<string | null>, query: string): boolean {
  const { text } = searchDocument(values);
  return searchNeedles(query).some((needle) => text.includes(needle));
}

const company = (name: string) => [name, ...pinyinSearchValues(name, 'name')];
const person = (name: string) => [name, ...pinyinSearchValues(name, 'person')];

describe('pinyin forms of a name', () => {
  it('are its full pinyin and its initials, without tones', () => {
    expect(pinyinForms('深圳龙腾科技有限公司', 'name')).toEqual({
      full: 'shenzhenlongtengkejiyouxiangongsi',
      initials: 'szltkjyxgs',
    });
  });

  it('read the polyphones of places as places are read', () => {
    expect(pinyinForms('重庆长安汽车股份有限公司', 'name')?.full).toMatch(/^chongqingchangan/);
    expect(pinyinForms('长沙银行', 'name')).toEqual({ full: 'changshayinhang', initials: 'csyh' });
    expect(pinyinForms('长春', 'name')?.full).toBe('changchun');
    expect(pinyinForms('厦门', 'name')?.full).toBe('xiamen');
  });

  it('read a person’s surname as surnames are read', () => {
    expect(pinyinForms('单田芳', 'person')).toEqual({ full: 'shantianfang', initials: 'stf' });
    expect(pinyinForms('曾小贤', 'person')?.full).toBe('zengxiaoxian');
    expect(pinyinForms('朴树', 'person')?.full).toBe('piaoshu');
    expect(pinyinForms('尉迟恭', 'person')?.full).toBe('yuchigong');
    expect(pinyinForms('解放', 'person')?.full).toBe('xiefang');
    // The same characters in an ordinary word keep their ordinary reading.
    expect(pinyinForms('单位', 'name')?.full).toBe('danwei');
  });

  it('write ü as v', () => {
    expect(pinyinForms('吕布', 'person')).toEqual({ full: 'lvbu', initials: 'lb' });
    expect(pinyinForms('女装', 'name')?.full).toBe('nvzhuang');
    expect(pinyinForms('绿色能源', 'name')?.full).toBe('lvsenengyuan');
  });

  it('keep Latin letters and digits, and leave out spaces and punctuation', () => {
    expect(pinyinForms('华为p40 手机（旗舰）', 'name')).toEqual({
      full: 'huaweip40shoujiqijian',
      initials: 'hwp40sjqj',
    });
  });

  it('are none for a name without Chinese characters', () => {
    expect(pinyinForms('northwind trading ltd', 'name')).toBeNull();
    expect(pinyinSearchValues('Emma Smith', 'person')).toEqual([]);
    expect(pinyinSearchValues(null, 'person')).toEqual([]);
  });

  it('are stored in an alphabet of their own, each led by its start', () => {
    const values = pinyinSearchValues('张三', 'person');
    expect(values.map(decodePinyin)).toEqual(['^zhangsan', '^zs']);
    expect(values.join('')).not.toMatch(/[a-z]/);
    // Normalising the search text (NFKC, lower case) leaves them as they are.
    for (const value of values) expect(normalizeSearchText(value)).toBe(value);
  });
});

describe('a query in pinyin', () => {
  const longteng = company('深圳龙腾科技有限公司');

  it('finds a company by full pinyin, initials, or Chinese mixed with either', () => {
    for (const query of ['shenzhenlongteng', 'szlt', '深圳lt', 'longteng', '深圳long', 'SZLT', 'Shenzhen Longteng'])
      expect(finds(longteng, query), query).toBe(true);
    for (const query of ['深圳龙腾', '龙腾科技', 'shenzhenlongtengkejiyouxiangongsi', '深圳龙t', '深圳龙te'])
      expect(finds(longteng, query), query).toBe(true);
    for (const query of ['guangzhou', 'gzlt', '广州lt', 'szhl']) expect(finds(longteng, query), query).toBe(false);
  });

  it('turns the Chinese of a mixed query into initials when the letters typed have no vowel, else into full pinyin', () => {
    expect(pinyinNeedles('深圳lt').map(decodePinyin)).toEqual(['szlt']);
    expect(pinyinNeedles('深圳long').map(decodePinyin)).toEqual(['shenzhenlong']);
    expect(pinyinNeedles('lt科技').map(decodePinyin)).toEqual(['ltkj']);
  });

  it('finds places and surnames by the readings names take', () => {
    expect(finds(company('重庆长安汽车股份有限公司'), 'chongqing')).toBe(true);
    expect(finds(company('重庆长安汽车股份有限公司'), 'cqca')).toBe(true);
    expect(finds(company('长沙银行'), 'changsha')).toBe(true);
    expect(finds(company('长沙银行'), 'changshayinhang')).toBe(true);
    expect(finds(person('单田芳'), 'shantianfang')).toBe(true);
    expect(finds(person('单田芳'), 'dantianfang')).toBe(false);
    expect(finds(person('单田芳'), '单tf')).toBe(true);
  });

  it('takes v for ü', () => {
    expect(finds(person('吕小布'), 'lvxiaobu')).toBe(true);
    expect(finds(person('吕小布'), 'lüxiaobu')).toBe(true);
    expect(finds(company('女装旗舰店'), 'nvzhuang')).toBe(true);
  });

  it('shorter than four letters, is found only at the start of a name', () => {
    expect(anywhereFrom).toBe(4);
    const zhangsan = person('张三');
    expect(finds(zhangsan, 'zs')).toBe(true);
    expect(finds(zhangsan, 'zh')).toBe(true);
    expect(finds(person('赵正山'), 'zs')).toBe(false);
    expect(finds(person('赵正山'), 'zzs')).toBe(true);
    // Two letters do not find every company through the pinyin of 有限公司 …
    for (const query of ['gs', 'yx', 'ng', 'an', 'you']) expect(finds(longteng, query), query).toBe(false);
    // … but the names they start.
    expect(finds(longteng, 'sz')).toBe(true);
    expect(finds(longteng, 'she')).toBe(true);
  });

  it('leaves a Latin, e-mail, phone or Chinese query as it was', () => {
    expect(searchNeedles('深圳')).toEqual(['深圳']);
    expect(searchNeedles('13800138000')).toEqual(['13800138000']);
    expect(searchNeedles('c12@example.com')).toEqual(['c12@example.com']);
    expect(searchNeedles('x')).toEqual(['x']);
    expect(searchNeedles('   ')).toEqual([]);
    // A two-letter Latin query still finds the same letters in the record's own text.
    expect(finds(['Northwind Trading', 'c12@example.com'], 'ex')).toBe(true);
    expect(finds(['Northwind Trading'], 'northwind')).toBe(true);
  });
});

describe('pinyin tokens', () => {
  it('are every four adjacent characters of each pinyin form of four or more, in order', () => {
    const [full, initials] = pinyinSearchValues('龙腾科技', 'name');
    expect(pinyinQuadSequence(initials)).toEqual(['pltkj']);
    expect(pinyinQuadSequence(full).slice(0, 3)).toEqual(['plong', 'pongt', 'pngte']);
    // A form of three letters has none, and the form's start is no part of one.
    expect(pinyinQuadSequence(pinyinSearchValues('张三丰', 'person')[1])).toEqual([]);
    expect(pinyinQuadSequence(pinyinSearchValues('3M中国', 'name')[0])).toEqual([
      'p3mzh',
      'pmzho',
      'pzhon',
      'phong',
      'pongg',
      'pnggu',
      'pgguo',
    ]);
  });

  it('follow the bigrams and digit tokens of a form, and nothing Latin the user wrote makes them', () => {
    const [full, initials] = pinyinSearchValues('龙腾科技', 'name');
    // The start and four letters: four bigrams, then the one token.
    expect(searchTokenText(initials).split(' ')).toHaveLength(5);
    expect(searchTokenText(initials).split(' ').at(-1)).toBe('pltkj');
    const tokens = searchDocument([...company('龙腾科技'), '13800138000', 'abcdefg']).grams.split(' ');
    const pinyinTokens = tokens.filter((token) => /^p[0-9a-z]{4}$/.test(token));
    expect(pinyinTokens).toEqual([...pinyinQuadSequence(full), ...pinyinQuadSequence(initials)]);
    expect(tokens).toContain('d1380');
    expect(searchTokenText('abcdefg 1234').split(' ')).not.toContain('pabcd');
  });

  it('are what a needle of four or more pinyin characters, and nothing else, is looked up by', () => {
    for (const query of ['szlt', '深圳lt', 'longteng']) {
      const needles = searchNeedles(query).slice(1);
      expect(needles.length, query).toBeGreaterThan(0);
      expect(needles.every(isPinyinQuadNeedle), query).toBe(true);
    }
    // Shorter ones are asked for at the start of a form, by bigrams; so is what the user typed.
    expect(searchNeedles('szl').slice(1).some(isPinyinQuadNeedle)).toBe(false);
    expect(isPinyinQuadNeedle('szlt')).toBe(false);
  });
});
