import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Inside a transaction every query must run on the transaction's handle: a query on the outer handle
 * waits for ever on SQLite's one connection. The driver refuses it at run time (unit-of-work.ts); this
 * reads the source so that the mistake is found even on a path no test walks.
 */
const sourceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The text of the call's arguments, from just after its opening parenthesis to the matching one. */
function argumentsFrom(text: string, start: number): string {
  let depth = 1;
  let i = start;
  while (depth > 0 && i < text.length) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    i++;
  }
  return text.slice(start, i);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('one database handle inside a transaction', () => {
  const files = sourceFiles(sourceRoot).map((file) => ({
    file: path.relative(sourceRoot, file),
    text: readFileSync(file, 'utf8'),
  }));

  it('finds the transactions it checks', () => {
    const count = files.reduce(
      (n, { text }) => n + (text.match(/inTransaction\(|\.transaction\(\)\.execute\(/g)?.length ?? 0),
      0,
    );
    expect(count).toBeGreaterThan(100);
  });

  it('opens transactions on a context through inTransaction, whose callback shadows the outer context', () => {
    const direct = files
      .filter(
        ({ file, text }) => file !== path.join('platform', 'context.ts') && /\bctx\.db\.transaction\(\)/.test(text),
      )
      .map(({ file }) => file);
    expect(direct).toEqual([]);
  });

  it('never names the outer handle inside a transaction callback', () => {
    const offenders: string[] = [];
    for (const { file, text } of files) {
      for (const match of text.matchAll(/inTransaction\(([\w.]+),|([\w.]+)\.transaction\(\)\.execute\(/g)) {
        const outer = match[1] ?? match[2];
        const body = argumentsFrom(text, match.index! + match[0].length);
        // `inTransaction(ctx, async (ctx) => …)` shadows the outer name: inside, it is the transaction's.
        const firstParameter = /^\s*(?:async\s*)?\(?\s*(\w+)/.exec(body)?.[1];
        if (match[1] && firstParameter === outer) continue;
        if (new RegExp(`(?<![\\w.])${escape(outer)}\\b`).test(body))
          offenders.push(
            `${file}:${text.slice(0, match.index).split('\n').length} uses ${outer} inside its transaction`,
          );
      }
    }
    expect(offenders).toEqual([]);
  });
});
