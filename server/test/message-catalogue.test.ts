import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { translate } from '../src/platform/messages.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// Message keys as the code writes them: a zod check's message, a refinement's `message:`, an
// AppError's message key, or a field message passed to the helpers that build a validation error.
const keyPatterns = [
  /\.(?:regex|refine|min|max|length|email|url|int|positive|nonnegative)\([^;]*?,\s*'([a-z][A-Za-z]+)'\s*\)/g,
  /message:\s*'([a-z][A-Za-z]+)'/g,
  /new AppError\(\s*'[A-Z_]+',\s*'([A-Za-z_]+)'/g,
  /(?:invalidField|fieldError)\(\s*'[\w.]+',\s*'([a-z][A-Za-z]+)'/g,
];

function keysIn(files: string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of keyPatterns)
      for (const match of text.matchAll(pattern)) keys.set(match[1]!, path.relative(root, file));
  }
  return keys;
}

describe('message catalogue', () => {
  const keys = keysIn([...sourceFiles(path.join(root, 'common/src')), ...sourceFiles(path.join(root, 'server/src'))]);

  it('finds the message keys of the schemas and the services', () => {
    // The scan must see the keys it is meant to guard, or the check below passes on nothing.
    expect(keys.size).toBeGreaterThan(40);
    expect(keys.has('invalidAmount')).toBe(true);
    expect(keys.has('invalidPeriod')).toBe(true);
  });

  it('translates every key into both languages', () => {
    const missing = [...keys]
      .flatMap(([key, file]) =>
        (['zh-CN', 'en'] as const)
          .filter((locale) => translate(locale, key) === key)
          .map((locale) => `${locale} ${key} (${file})`),
      )
      .sort();
    expect(missing).toEqual([]);
  });
});
