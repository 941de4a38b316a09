/**
 * `npm run bench -- --search`: the global search (`GET /api/v1/search`, every kind the caller may open)
 * over the whole dataset, for two-character fragments of real names and subjects and for phone
 * fragments, as the administrator and as a sales rep. Target: p99 ≤ 50 ms for each.
 * `npm run bench -- --search --pinyin`: four-letter initials of real names ("szlt" of 深圳龙腾…), in the
 * customer list and the global search. Target: p99 ≤ 50 ms at 1 000 000 customers.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../server/src/db/schema.ts';
import type { BenchServer, Role } from './server.ts';
import { ms, percentile, timeEach } from './stats.ts';
import { seededRandom } from '../server/src/db/sample-data.ts';
import { pinyinForms } from '../server/src/platform/pinyin.ts';
import { normalizeSearchText } from '../server/src/platform/search-text.ts';

type Sample = { q: string; role: Role };

/** Two adjacent characters of a name or subject (no spaces or digits), and 4–6 digits of a phone number. */
async function searchTerms(db: Kysely<DB>, count: number) {
  const random = seededRandom(24);
  const pickIds = (max: number, n: number) => Array.from({ length: n }, () => 1 + Math.floor(random() * max));
  const customers = await db
    .selectFrom('customers')
    .select('name')
    .where('id', 'in', pickIds(1_000_000, 200))
    .execute();
  const contacts = await db
    .selectFrom('contacts')
    .select(['name', 'mobile'])
    .where('id', 'in', pickIds(2_000_000, 200))
    .execute();
  const texts = [...customers.map((c) => c.name), ...contacts.map((c) => c.name)];
  const fragments: string[] = [];
  while (fragments.length < count) {
    const chars = Array.from(texts[Math.floor(random() * texts.length)]);
    const at = Math.floor(random() * Math.max(1, chars.length - 1));
    const piece = chars.slice(at, at + 2).join('');
    if (/^[^\s\d]{2}$/u.test(piece)) fragments.push(piece);
  }
  const phones = contacts.map((c) => c.mobile).filter((m): m is string => Boolean(m));
  const phoneFragments = Array.from({ length: count }, () => {
    const digits = phones[Math.floor(random() * phones.length)].replace(/\D/g, '');
    const length = 4 + Math.floor(random() * 3);
    const at = Math.floor(random() * (digits.length - length));
    return digits.slice(at, at + length);
  });
  return { fragments, phoneFragments };
}

export async function benchGlobalSearch(
  db: Kysely<DB>,
  server: BenchServer,
  samples: number,
  log: (l: string) => void,
) {
  const { fragments, phoneFragments } = await searchTerms(db, samples);
  const lines: string[] = ['| query | role | p50 | p99 | slowest |', '|---|---|---|---|---|'];
  for (const q of ['有限', '科技', '1380']) await server.get('admin', `/api/v1/search?q=${encodeURIComponent(q)}`);
  for (const [label, terms] of [
    ['two characters', fragments],
    ['phone fragment', phoneFragments],
  ] as const) {
    for (const role of ['admin', 'rep'] as Role[]) {
      const slowest: Array<Sample & { ms: number }> = [];
      const times = await timeEach(samples, async (i) => {
        const started = performance.now();
        await server.get(role, `/api/v1/search?q=${encodeURIComponent(terms[i])}&limit=5`);
        slowest.push({ q: terms[i], role, ms: performance.now() - started });
      });
      slowest.sort((a, b) => b.ms - a.ms);
      const line = `| ${label} | ${role} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${slowest
        .slice(0, 3)
        .map((s) => `${s.q} ${ms(s.ms)}`)
        .join(', ')} |`;
      log(`  ${line}`);
      lines.push(line);
      const statements = await server.statementsOf(
        role,
        `/api/v1/search?q=${encodeURIComponent(slowest[0].q)}&limit=5`,
      );
      for (const s of statements.slice(0, 3))
        log(`    ${ms(s.ms)} ${s.sql.slice(0, 300)}\n      ${s.plan.replace(/\n/g, '\n      ')}`);
    }
  }
  return lines;
}

/**
 * Four adjacent initials (letters only) of the pinyin of real customers' and contacts' names, as someone
 * types them to find one: "szlt" of 深圳龙腾科技有限公司, "ltkj" of its middle.
 */
async function initialsTerms(db: Kysely<DB>, count: number) {
  const random = seededRandom(31);
  const pickIds = (max: number, n: number) => Array.from({ length: n }, () => 1 + Math.floor(random() * max));
  const customers = await db
    .selectFrom('customers')
    .select('name')
    .where('id', 'in', pickIds(1_000_000, 200))
    .execute();
  const contacts = await db.selectFrom('contacts').select('name').where('id', 'in', pickIds(2_000_000, 200)).execute();
  const initials = [
    ...customers.map((c) => pinyinForms(normalizeSearchText(c.name), 'name')?.initials),
    ...contacts.map((c) => pinyinForms(normalizeSearchText(c.name), 'person')?.initials),
  ]
    .map((letters) => (letters ?? '').replace(/[^a-z]/g, ''))
    .filter((letters) => letters.length >= 4);
  return Array.from({ length: count }, () => {
    const letters = initials[Math.floor(random() * initials.length)];
    // Half of them from the start of the name, as a name is usually looked for.
    const at = random() < 0.5 ? 0 : Math.floor(random() * (letters.length - 3));
    return letters.slice(at, at + 4);
  });
}

/** `--search --pinyin`: four-letter initials queries in the customer list and the global search, as each role. */
export async function benchPinyinSearch(
  db: Kysely<DB>,
  server: BenchServer,
  samples: number,
  log: (l: string) => void,
) {
  const terms = await initialsTerms(db, samples);
  const lines: string[] = ['| query | where | role | p50 | p99 | slowest |', '|---|---|---|---|---|---|'];
  for (const q of ['szlt', 'bjhx']) await server.get('admin', `/api/v1/search?q=${q}`);
  const places = [
    ['customer list', (q: string) => `/api/v1/customers?q=${encodeURIComponent(q)}&pageSize=50`],
    ['global search', (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}&limit=5`],
  ] as const;
  for (const [where, url] of places) {
    for (const role of ['admin', 'manager', 'rep'] as Role[]) {
      const slowest: Array<Sample & { ms: number }> = [];
      const times = await timeEach(samples, async (i) => {
        const started = performance.now();
        await server.get(role, url(terms[i]));
        slowest.push({ q: terms[i], role, ms: performance.now() - started });
      });
      slowest.sort((a, b) => b.ms - a.ms);
      const line = `| four initials | ${where} | ${role} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${slowest
        .slice(0, 3)
        .map((s) => `${s.q} ${ms(s.ms)}`)
        .join(', ')} |`;
      log(`  ${line}`);
      lines.push(line);
      for (const s of (await server.statementsOf(role, url(slowest[0].q))).slice(0, 3))
        log(`    ${ms(s.ms)} ${s.sql.slice(0, 300)}\n      ${s.plan.replace(/\n/g, '\n      ')}`);
    }
  }
  return lines;
}
