import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '@relate/common/locales/en.json';
import zhCN from '@relate/common/locales/zh-CN.json';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function flatten(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? flatten(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('UI strings', () => {
  const zhKeys = new Set(flatten(zhCN));
  const enKeys = new Set(flatten(en));

  it('has the same keys in zh-CN and en', () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('defines every key the web app uses literally', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(['"]([a-zA-Z0-9_.]+)['"]/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !zhKeys.has(key))).toEqual([]);
  });

  it('has no empty or untranslated-looking values', () => {
    const values = (tree: object): string[] =>
      Object.values(tree).flatMap((v) => (typeof v === 'object' ? values(v) : [v as string]));
    expect(values(zhCN).filter((v) => !v.trim())).toEqual([]);
    expect(values(en).filter((v) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });
});
