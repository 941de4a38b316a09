/**
 * Deterministic sample values for the demo dataset and the benchmarks: a seeded generator,
 * plausible Chinese and English company and person names, phone numbers and regions.
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof seededRandom>;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const cities = [
  ['广东省', '深圳市', '南山区'],
  ['广东省', '广州市', '天河区'],
  ['上海市', '市辖区', '浦东新区'],
  ['北京市', '市辖区', '海淀区'],
  ['浙江省', '杭州市', '西湖区'],
  ['江苏省', '苏州市', '姑苏区'],
  ['四川省', '成都市', '武侯区'],
  ['湖北省', '武汉市', '洪山区'],
  ['山东省', '青岛市', '市南区'],
  ['福建省', '厦门市', '思明区'],
] as const;
const brandWords = [
  '龙腾',
  '华信',
  '金桥',
  '远航',
  '星辰',
  '恒泰',
  '博远',
  '创新',
  '瑞丰',
  '安达',
  '盛世',
  '鼎新',
  '卓越',
  '天成',
  '海纳',
  '汇通',
  '东方',
  '明德',
  '宏图',
  '嘉禾',
  '云栖',
  '聚力',
  '锦程',
  '万象',
];
const trades = ['科技', '贸易', '制造', '物流', '信息技术', '医疗器械', '教育咨询', '建筑工程', '能源', '食品'];
const forms = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const englishWords = [
  'Northwind',
  'Bluewater',
  'Evergreen',
  'Silverline',
  'Redwood',
  'Summit',
  'Harbor',
  'Pioneer',
  'Crescent',
  'Granite',
  'Lakeside',
  'Meridian',
];
const englishTrades = ['Trading', 'Logistics', 'Software', 'Foods', 'Medical', 'Energy', 'Engineering', 'Consulting'];
const englishForms = ['Ltd', 'Inc.', 'Co., Ltd.', 'GmbH'];
const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '晓东',
  '思远',
];
const englishFirst = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'James', 'Sophia', 'Lucas'];
const englishLast = ['Smith', 'Brown', 'Taylor', 'Wilson', 'Clark', 'Walker', 'Hall', 'Young'];
const titles = ['总经理', '采购经理', '技术总监', '财务经理', '销售总监', 'IT 主管', 'Purchasing manager', 'CTO'];

export function companyName(random: Random, index: number) {
  const region = pick(random, cities);
  if (random() < 0.15) {
    return {
      name: `${pick(random, englishWords)} ${pick(random, englishTrades)} ${pick(random, englishForms)}${index > 0 ? ` #${index}` : ''}`,
      region,
      country: '中国',
    };
  }
  const city = region[1] === '市辖区' ? region[0].replace('市', '') : region[1].replace('市', '');
  return {
    name: `${city}${pick(random, brandWords)}${pick(random, trades)}${pick(random, forms)}${index > 0 ? `（${index}）` : ''}`,
    region,
    country: '中国',
  };
}

export function personName(random: Random) {
  return random() < 0.15
    ? `${pick(random, englishFirst)} ${pick(random, englishLast)}`
    : `${pick(random, surnames)}${pick(random, givenNames)}`;
}

export const jobTitle = (random: Random) => pick(random, titles);
export const mobile = (random: Random) =>
  `1${pick(random, ['3', '5', '7', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
export const landline = (random: Random) =>
  `0${Math.floor(10 + random() * 89)}-${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
