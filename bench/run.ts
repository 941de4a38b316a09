/**
 * `npm run bench [-- --customers 1000000]`: builds a dataset on SQLite (and on PostgreSQL when
 * BENCH_POSTGRES_URL is set), then measures the scoped customer list over HTTP against the same
 * query run directly, substring search, a 100 000-row xlsx import and export throughput, and the
 * sales side on 5 follow-ups and half an opportunity per customer: timeline, board and forecast.
 * Results are printed and written to bench/RESULTS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { type Dialect, openDatabase } from '../server/src/db/database.ts';
import { loadActor } from '../server/src/platform/authenticate.ts';
import type { AppContext } from '../server/src/platform/context.ts';
import { scopeFor } from '../server/src/platform/scope.ts';
// The list query itself, measured beside the same list over HTTP.
import * as customersRepository from '../server/src/modules/customers/customers.repository.ts';
import { benchAdminPassword, benchDatabaseUrl, openDataset, removeImported } from './dataset.ts';
import { benchMoney, benchSales } from './sales.ts';
import { benchService } from './service.ts';
import { downloadElsewhere } from './download.ts';
import { ms, percentile, timeEach } from './stats.ts';
import { numberArg } from './args.ts';
import { loadBench, writeLoadResults } from './load.ts';
import { importTarget } from './import-target.ts';
import { benchBrowser, writeBrowserResults } from './browser.ts';
import { benchDashboardsInBrowser } from './dashboards-browser.ts';
import { benchLists, benchPeerRequests } from './lists.ts';
import { benchGlobalSearch, benchPinyinSearch } from './search.ts';
import { benchRfm } from './rfm.ts';
import { benchCallerLookup, benchMailSync, benchScreenPop } from './channels.ts';
import { benchSegments } from './segments.ts';
import { benchReports } from './reports.ts';
import { login, startBenchServer } from './server.ts';
import { writeResultsSection } from './results-section.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const customerCount = numberArg('customers', 1_000_000);
const importRows = numberArg('import-rows', 100_000);
const samples = numberArg('samples', 200);
// --customers-only measures the customer list, search, export and import alone and prints without writing RESULTS.md.
const customersOnly = ['--customers-only', '--transfer-only', '--import-only', '--export-only'].some((flag) =>
  args.includes(flag),
);
// --transfer-only measures only export and import, --import-only or --export-only one of them (with --customers-only's dataset).
const transferOnly = ['--transfer-only', '--import-only', '--export-only'].some((flag) => args.includes(flag));
const importOnly = args.includes('--import-only');
const exportOnly = args.includes('--export-only');
const followupCount = customersOnly ? 0 : numberArg('followups', customerCount * 5);
const opportunityCount = customersOnly ? 0 : numberArg('opportunities', Math.round(customerCount / 2));
const orderCount = customersOnly ? 0 : numberArg('orders', customerCount);
let receiptCount = 0;
const ticketCount = customersOnly ? 0 : numberArg('tickets', customerCount * 2);
const only = args.includes('--sales-only') ? 'sales' : 'all';
const datasetSize = {
  customers: customerCount,
  followups: followupCount,
  opportunities: opportunityCount,
  orders: orderCount,
  tickets: ticketCount,
};
const adminPassword = benchAdminPassword;
const log = (line: string) => console.log(line);

type Result = Record<string, string>;

async function importFile(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(['客户名称', '电话', '邮箱', '客户级别', '行业', '省份', '城市', '备注']);
  for (let i = 0; i < rows; i++)
    sheet.addRow([
      `导入基准客户${i}号贸易有限公司`,
      13800000000 + i,
      `import${i}@example.com`,
      ['重要客户', '普通客户', '小客户'][i % 3],
      'it',
      '广东省',
      '深圳市',
      '基准测试',
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function benchDialect(dialect: Dialect): Promise<Result> {
  const url = await benchDatabaseUrl(dialect, customerCount);
  log(`\n== ${dialect} (${customerCount.toLocaleString()} customers) ==`);
  const database = await openDataset(dialect, url, datasetSize, log);
  receiptCount = Number(
    (
      await database.db
        .selectFrom('receipts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const dataDir = path.join(os.tmpdir(), `relate-bench-${dialect}`);
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const manager = await login(baseUrl, 'manager1', 'Bench12345');
  const admin = await login(baseUrl, 'admin', adminPassword);
  const get = (session: { cookie: string }, pathAndQuery: string) =>
    fetch(`${baseUrl}${pathAndQuery}`, { headers: { cookie: session.cookie } });
  const result: Result = {};
  const managerUser = await database.db
    .selectFrom('users')
    .select(['id', 'departmentId'])
    .where('username', '=', 'manager1')
    .executeTakeFirstOrThrow();
  if (!customersOnly) {
    Object.assign(
      result,
      await benchSales(
        database.db,
        (url) => get(manager, url),
        { userId: managerUser.id, departmentId: managerUser.departmentId! },
        samples,
      ),
    );
    Object.assign(result, await benchMoney(database.db, (url) => get(admin, url), samples));
    Object.assign(
      result,
      await benchService(
        { db: database.db, dialect, config } as AppContext,
        get,
        (username) => login(baseUrl, username, 'Bench12345'),
        samples,
      ),
    );
  }
  if (only === 'sales') {
    for (const [key, value] of Object.entries(result)) log(`  ${key.padEnd(32)} ${value}`);
    await app.close();
    await database.close();
    return result;
  }

  if (!transferOnly) {
    // Scoped list: a sales manager (department and below, a fifth of all customers), level filter, newest first, pages of 50.
    const listQuery = (i: number) => ({ page: (i % 5) + 1, pageSize: 50, level: ['A'], sort: 'updatedAt:desc' });
    for (let i = 0; i < 10; i++)
      await (
        await get(manager, `/api/v1/customers?level=A&sort=updatedAt:desc&pageSize=50&page=${(i % 5) + 1}`)
      ).arrayBuffer();
    const http = await timeEach(samples, async (i) => {
      const q = listQuery(i);
      const response = await get(manager, `/api/v1/customers?level=A&sort=updatedAt:desc&pageSize=50&page=${q.page}`);
      if (!response.ok) throw new Error(await response.text());
      await response.arrayBuffer();
    });
    const actor = (await loadActor(database.db, managerUser.id, { via: 'apikey' }, { ip: '127.0.0.1', headers: {} }))!;
    const raw = await timeEach(samples, async (i) => {
      const scope = await scopeFor(database.db, actor, 'customers');
      await customersRepository.listCustomers(database.db, dialect, scope, listQuery(i), 'Asia/Shanghai');
    });
    result['list p50 (HTTP)'] = ms(percentile(http, 50));
    result['list p99 (HTTP)'] = ms(percentile(http, 99));
    result['list p50 (query)'] = ms(percentile(raw, 50));
    result['list p99 (query)'] = ms(percentile(raw, 99));
    result['list p99 HTTP ÷ query'] = `${(percentile(http, 99) / percentile(raw, 99)).toFixed(2)}×`;

    // Substring search as an administrator (all customers): two- and three-character pieces of real names, phone and email fragments.
    const names = await database.db.selectFrom('customers').select(['name', 'phone']).where('id', '<=', 2000).execute();
    const terms = Array.from({ length: samples }, (_, i) => {
      const row = names[(i * 7919) % names.length];
      if (i % 5 === 4) return (row.phone ?? '1380').replace(/\D/g, '').slice(3, 8);
      const chars = Array.from(row.name);
      const length = i % 2 ? 2 : 3;
      const start = (i * 31) % Math.max(1, chars.length - length);
      return chars.slice(start, start + length).join('');
    });
    for (const term of ['有限', '科技', '138'])
      await (await get(admin, `/api/v1/customers?q=${encodeURIComponent(term)}&pageSize=50`)).arrayBuffer();
    const search = await timeEach(samples, async (i) => {
      const response = await get(admin, `/api/v1/customers?q=${encodeURIComponent(terms[i])}&pageSize=50`);
      if (!response.ok) throw new Error(await response.text());
      await response.arrayBuffer();
    });
    result['search p50'] = ms(percentile(search, 50));
    result['search p99'] = ms(percentile(search, 99));
  }

  // Export: everything the manager sees (a fifth of the dataset) as xlsx and as csv, downloaded by another process.
  for (const format of importOnly ? [] : (['csv', 'xlsx'] as const)) {
    const { seconds, lines } = await downloadElsewhere(
      `${baseUrl}/api/v1/exports/customers?format=${format}`,
      manager.cookie,
    );
    const rows =
      format === 'csv'
        ? lines - 1
        : Number(
            (
              await database.db
                .selectFrom('customers')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('departmentId', 'in', await subtree(database, managerUser.departmentId!))
                .where('deletedAt', 'is', null)
                .executeTakeFirstOrThrow()
            ).n,
          );
    result[`export ${format}`] =
      `${Math.round(rows / seconds).toLocaleString()} rows/s (${rows.toLocaleString()} rows, ${seconds.toFixed(1)} s)`;
  }

  if (exportOnly) {
    for (const [key, value] of Object.entries(result)) log(`  ${key.padEnd(32)} ${value}`);
    await app.close();
    await database.close();
    return result;
  }

  // Import: a 100 000-row xlsx through the API, timed from upload to done.
  const file = await importFile(importRows);
  const boundary = 'benchboundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const started = performance.now();
  const upload = await fetch(`${baseUrl}/api/v1/imports/customers?duplicates=create`, {
    method: 'POST',
    headers: {
      cookie: admin.cookie,
      'x-csrf-token': admin.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body: payload,
  });
  const { id } = (await upload.json()) as { id: number };
  let status: { status: string; created: number; rejected: unknown[] };
  do {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = (await (await get(admin, `/api/v1/imports/${id}`)).json()) as typeof status;
  } while (status.status === 'running');
  const importSeconds = (performance.now() - started) / 1000;
  result['import xlsx'] =
    `${Math.round(importRows / importSeconds).toLocaleString()} rows/s (${status.created.toLocaleString()} created, ${importSeconds.toFixed(1)} s)`;
  for (const [key, value] of Object.entries(result)) log(`  ${key.padEnd(32)} ${value}`);
  await removeImported(database, dialect, customerCount);
  await app.close();
  await database.close();
  return result;
}

async function subtree(database: ReturnType<typeof openDatabase>, rootId: number) {
  const { departmentSubtree } = await import('../server/src/platform/scope.ts');
  return departmentSubtree(database.db, rootId);
}

function writeResults(results: Record<string, Result>) {
  const file = path.join(here, 'RESULTS.md');
  const header = existsSync(file) ? readFileSync(file, 'utf8').split('\n<!-- results -->')[0] : '# Benchmark results\n';
  const dialects = Object.keys(results);
  const keys = Object.keys(results[dialects[0]]);
  const table = [
    `| measure | ${dialects.join(' | ')} |`,
    `|---|${dialects.map(() => '---').join('|')}|`,
    ...keys.map((key) => `| ${key} | ${dialects.map((d) => results[d][key] ?? '').join(' | ')} |`),
  ].join('\n');
  const meta = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${customerCount.toLocaleString()} customers, ${(customerCount * 2).toLocaleString()} contacts, ${followupCount.toLocaleString()} follow-ups, ${opportunityCount.toLocaleString()} opportunities and ${orderCount.toLocaleString()} orders with 1–3 instalments and ${receiptCount.toLocaleString()} receipts, ${ticketCount.toLocaleString()} tickets, ${samples} samples per latency figure.`;
  writeFileSync(file, `${header}\n<!-- results -->\n\n${meta}\n\n${table}\n`);
  log(`\nWritten to ${path.relative(process.cwd(), file)}`);
}

/** The customers of the dataset, generated once, for the load run. */
async function ensureCustomers(url: string, dialect: Dialect) {
  const database = await openDataset(dialect, url, { ...datasetSize, followups: 0, orders: 0, tickets: 0 }, log);
  await database.close();
}

if (args.includes('--dataset')) {
  // Builds (or completes) the whole dataset and stops: what every other mode then reuses.
  // --dialect sqlite|postgres builds one of them (two builds can then run side by side).
  const chosen = args.includes('--dialect') ? args[args.indexOf('--dialect') + 1] : null;
  const dialects = (['sqlite', ...(process.env.BENCH_POSTGRES_URL ? ['postgres'] : [])] as Dialect[]).filter(
    (d) => !chosen || d === chosen,
  );
  for (const dialect of dialects) {
    log(`\n== dataset on ${dialect} ==`);
    await (await openDataset(dialect, await benchDatabaseUrl(dialect, customerCount), datasetSize, log)).close();
  }
  process.exit(0);
}

if (args.includes('--reports')) {
  // The raw SQL beside each report labels periods with SQLite's strftime, as the reports do in a zone of one offset.
  if (args.includes('--dialect') && args[args.indexOf('--dialect') + 1] !== 'sqlite')
    throw new Error('--reports measures SQLite only');
  const dialect: Dialect = 'sqlite';
  const url = await benchDatabaseUrl(dialect, customerCount);
  log(`\n== reports on ${dialect} ==`);
  const database = await openDataset(dialect, url, datasetSize, log);
  const server = await startBenchServer(dialect, url, database);
  const lines = await benchReports(database.db, server, numberArg('report-runs', 5), log);
  const when = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, ${dialect}, the bench dataset, over HTTP; each run in the first p50/p95 after a write to its source (computed from the tables), then the same runs with nothing written (the kept answer). Target: p95 ≤ 1 s computed, ≤ 100 ms kept, for up to two groupings over one source.`;
  writeResultsSection(`reports-${dialect}`, `Reports (${dialect})`, when, lines);
  await server.close();
  await database.close();
  process.exit(0);
}

if (args.includes('--lists') || args.includes('--search')) {
  const chosen = args.includes('--dialect') ? args[args.indexOf('--dialect') + 1] : null;
  const dialects = (['sqlite', ...(process.env.BENCH_POSTGRES_URL ? ['postgres'] : [])] as Dialect[]).filter(
    (d) => !chosen || d === chosen,
  );
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
  for (const dialect of dialects) {
    const url = await benchDatabaseUrl(dialect, customerCount);
    log(`\n== ${args.includes('--lists') ? 'lists' : 'global search'} on ${dialect} ==`);
    const database = await openDataset(dialect, url, datasetSize, log);
    const server = await startBenchServer(dialect, url, database);
    const when = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}, ${dialect}, the full dataset, over HTTP as the administrator, a regional manager (a department tree) and a sales rep.`;
    if (args.includes('--lists')) {
      const lines = await benchLists(database.db, server, numberArg('combinations', 500), log);
      lines.push(
        '',
        'The peer comparison, as the administrator:',
        '',
        ...(await benchPeerRequests(server, 15, log, Math.min(123_456, customerCount))),
      );
      writeResultsSection(`lists-${dialect}`, `Lists at a million (${dialect})`, when, lines);
    } else if (args.includes('--pinyin')) {
      const lines = await benchPinyinSearch(database.db, server, samples, log);
      writeResultsSection(`search-pinyin-${dialect}`, `Pinyin initials search (${dialect})`, when, lines);
    } else {
      const lines = await benchGlobalSearch(database.db, server, samples, log);
      writeResultsSection(`search-${dialect}`, `Global search (${dialect})`, when, lines);
    }
    await server.close();
    await database.close();
  }
  process.exit(0);
}

if (args.includes('--rfm')) {
  const chosen = args.includes('--dialect') ? args[args.indexOf('--dialect') + 1] : null;
  const dialects = (['sqlite', ...(process.env.BENCH_POSTGRES_URL ? ['postgres'] : [])] as Dialect[]).filter(
    (d) => !chosen || d === chosen,
  );
  for (const dialect of dialects) {
    log(`\n== customer value (RFM) on ${dialect} ==`);
    const database = await openDataset(dialect, await benchDatabaseUrl(dialect, customerCount), datasetSize, log);
    const lines = await benchRfm(database, dialect, numberArg('rfm-runs', 3), log);
    const when = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, ${dialect}, the bench dataset (its orders all in CNY, bought, over two years). Target: ≤ 60 s for 1 M customers.`;
    writeResultsSection(`rfm-${dialect}`, `Customer value (RFM) (${dialect})`, when, lines);
    await database.close();
  }
  process.exit(0);
}

if (args.includes('--channels')) {
  // --lookup-only, --pop-only, --mail-only: one of the three.
  const part = ['lookup', 'pop', 'mail'].find((p) => args.includes(`--${p}-only`));
  const chosen = args.includes('--dialect') ? args[args.indexOf('--dialect') + 1] : null;
  const dialects = (['sqlite', ...(process.env.BENCH_POSTGRES_URL ? ['postgres'] : [])] as Dialect[]).filter(
    (d) => !chosen || d === chosen,
  );
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
  const when = () => `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}`;
  if (!part || part === 'lookup')
    for (const dialect of dialects) {
      const url = await benchDatabaseUrl(dialect, customerCount);
      log(`\n== caller lookup on ${dialect} ==`);
      const database = await openDataset(dialect, url, datasetSize, log);
      const server = await startBenchServer(dialect, url, database);
      const lines = await benchCallerLookup(database, server, samples, log);
      const heading = `${when()}, ${dialect}, the full dataset (2 M contacts, 1 M customers), over HTTP: the PBX's signed routing lookup (who is calling, their queue and owner) and an agent's caller card (with open tickets, amounts overdue and last follow-ups), as the administrator and a sales rep; numbers of the dataset's contacts as sent (digits, +86, 0086 with dashes) and unknown ones. Target: p99 ≤ 5 ms for the lookup.`;
      writeResultsSection(`caller-lookup-${dialect}`, `Caller lookup (${dialect})`, heading, lines);
      await server.close();
      await database.close();
    }
  if ((!part || part === 'pop') && process.env.BENCH_POSTGRES_URL) {
    log('\n== screen pop on postgres, two servers ==');
    const lines = await benchScreenPop(log);
    writeResultsSection(
      'screen-pop',
      'Screen pop across two servers (postgres)',
      `${when()}, two server processes (\`npm start\`'s build) on one fresh PostgreSQL database, on the same machine as the bench. Target: p99 ≤ 300 ms from the ringing event to the agent's stream, with 100 agents connected.`,
      lines,
    );
  }
  if (!part || part === 'mail') {
    const lines = [
      '| database | messages | stored | time | messages/s | memory growth (RSS) |',
      '|---|---|---|---|---|---|',
    ];
    for (const dialect of dialects) {
      log(`\n== mail sync on ${dialect} ==`);
      lines.push(...(await benchMailSync(dialect, log)));
    }
    writeResultsSection(
      'mail-sync',
      'Mail sync',
      `${when()}: a personal mailbox of 10 000 messages in Dovecot (IMAP on 127.0.0.1; 200 known senders, a third of the messages replies, 1–3 kB of text each) read by one sync into a fresh database, batches as configured. Target: ≤ 60 s.`,
      lines,
    );
  }
  process.exit(0);
}

if (args.includes('--segments')) {
  const chosen = args.includes('--dialect') ? args[args.indexOf('--dialect') + 1] : null;
  const dialects = (['sqlite', ...(process.env.BENCH_POSTGRES_URL ? ['postgres'] : [])] as Dialect[]).filter(
    (d) => !chosen || d === chosen,
  );
  for (const dialect of dialects) {
    log(`\n== segments on ${dialect} ==`);
    const database = await openDataset(dialect, await benchDatabaseUrl(dialect, customerCount), datasetSize, log);
    const lines = await benchSegments(database, dialect, numberArg('segment-runs', 5), log);
    const when = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, ${dialect}, ${customerCount.toLocaleString()} customers. Targets: a count ≤ 500 ms over 2 M contacts; freezing 1 M members ≤ 30 s.`;
    writeResultsSection(`segments-${dialect}`, `Segments (${dialect})`, when, lines);
    await database.close();
  }
  process.exit(0);
}

if (args.includes('--import-target')) {
  const url = await benchDatabaseUrl('sqlite', customerCount);
  await ensureCustomers(url, 'sqlite');
  log(`\n== import target on sqlite (${customerCount.toLocaleString()} customers) ==`);
  await importTarget(customerCount, log);
  process.exit(0);
}

if (args.includes('--dashboards-browser')) {
  const dialect: Dialect = args.includes('--dialect') ? (args[args.indexOf('--dialect') + 1] as Dialect) : 'sqlite';
  const url = await benchDatabaseUrl(dialect, customerCount);
  log(`\n== built-in dashboards in the browser on ${dialect} ==`);
  const database = await openDataset(dialect, url, datasetSize, log);
  const lines = await benchDashboardsInBrowser(dialect, url, database, log);
  const when = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, ${dialect}, the bench dataset, Debian Chromium on the same machine, 1440×900: from navigation until every widget shows its figures, first on a server just started (computed), then on a reload (answers kept). Target: ≤ 2 s.`;
  writeResultsSection(`dashboards-browser-${dialect}`, `Built-in dashboards in the browser (${dialect})`, when, lines);
  await database.close();
  process.exit(0);
}

if (args.includes('--browser')) {
  log('\n== speed in the browser (production build, SQLite, 10 000 customers) ==');
  const lines = await benchBrowser(log, numberArg('browser-samples', 10));
  writeBrowserResults(
    lines,
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, Debian Chromium through playwright-core on the same machine as the server (no network latency), 1440×900.`,
  );
  process.exit(0);
}

if (args.includes('--load')) {
  const lines: string[] = [];
  // --dialect sqlite|postgres runs the load on one database only (the results then name only that one).
  const chosen = args.includes('--dialect') ? args[args.indexOf('--dialect') + 1] : null;
  const dialects = (['sqlite', ...(process.env.BENCH_POSTGRES_URL ? ['postgres'] : [])] as Dialect[]).filter(
    (d) => !chosen || d === chosen,
  );
  for (const dialect of dialects) {
    log(`\n== load on ${dialect} (${customerCount.toLocaleString()} customers) ==`);
    const url = await benchDatabaseUrl(dialect, customerCount);
    await ensureCustomers(url, dialect);
    lines.push(...(await loadBench(dialect, url, dialect === 'postgres' ? 2 : 1, log, numberArg('load-seconds', 60))));
  }
  writeLoadResults(
    lines,
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${customerCount.toLocaleString()} customers; the load client runs on the same machine. Targets: 0 errors and 0 timeouts, p99 ≤ 100 ms for reads and ≤ 200 ms for writes.`,
  );
  process.exit(0);
}

const results: Record<string, Result> = { sqlite: await benchDialect('sqlite') };
if (process.env.BENCH_POSTGRES_URL) results.postgres = await benchDialect('postgres');
if (!customersOnly) writeResults(results);
