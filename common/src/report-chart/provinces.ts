/** The 34 provincial divisions of China by the short names the map's regions carry. */
const shortNames = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
  '台湾',
  '香港',
  '澳门',
];

// Longest first, so that 广西壮族自治区 loses its whole suffix and not only 自治区.
const suffixes = /(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$/;

/**
 * A province as the map of China names it (广东, 广西, 北京, 内蒙古, 香港) from the name the CRM stores
 * (广东省, 广西壮族自治区, 北京市, 内蒙古自治区, 香港特别行政区) or the short name itself; null for anything
 * that is not a province (a city, an empty value, a typo).
 */
export function provinceShortName(name: string | null | undefined): string | null {
  const short = (name ?? '').trim().replace(suffixes, '');
  return shortNames.includes(short) ? short : null;
}

/**
 * The GeoJSON a map script hands to `echarts.registerMap(name, {…})`: the object literal after the call's
 * name, read up to its closing brace (braces inside strings, which the compressed coordinates are full
 * of, do not count).
 */
export function registeredMapOf(script: string): unknown {
  const call = script.indexOf('registerMap(');
  const start = call < 0 ? -1 : script.indexOf('{', call);
  if (start < 0) throw new Error('No registerMap call with an object in the map script');
  let depth = 0;
  let inString = false;
  for (let i = start; i < script.length; i++) {
    const c = script[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return JSON.parse(script.slice(start, i + 1));
  }
  throw new Error('The map script ends inside its map object');
}
