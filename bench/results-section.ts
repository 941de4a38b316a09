import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

/**
 * Writes one section of bench/RESULTS.md between its `<!-- marker -->` comments, leaving the rest as it is; a
 * new section goes above the results marker, as the main run rewrites everything below that.
 */
export function writeResultsSection(marker: string, title: string, heading: string, lines: string[]): void {
  const text = readFileSync(file, 'utf8');
  const section = [`<!-- ${marker} -->`, '', heading, '', ...lines, `<!-- /${marker} -->`].join('\n');
  const existing = new RegExp(`<!-- ${marker} -->[\\s\\S]*<!-- /${marker} -->`);
  const next = existing.test(text)
    ? text.replace(existing, section)
    : text.replace('\n<!-- results -->', `\n### ${title}\n\n${section}\n\n<!-- results -->`);
  writeFileSync(file, next);
}
