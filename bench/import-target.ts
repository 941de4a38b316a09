/**
 * `npm run bench -- --import-target`: the import target on SQLite, measured in one run on the benchmark
 * file (`bench/out/bench-<customers>.db`, built by `npm run bench` or `--load`):
 * 1. the floor — what SQLite alone spends writing 100 000 customers with their search entries and audit
 *    rows (bench/import-floor.ts, no server);
 * 2. a 100 000-row .xlsx imported through a real server process, from upload to the finished report,
 *    and its ratio to the floor (target ≥ 0.75);
 * 3. a 1 000 000-row .xlsx imported the same way, with the server process's peak memory (target RSS < 400 MB).
 * The server runs as `npm start` runs it; SQLITE_MMAP_MB, when set, goes to the server and the floor alike.
 * Imported rows are removed afterwards. Figures go to bench/RESULTS.md between the import-target markers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { serverNodeOptions } from '../scripts/build-server.mjs';
import { defaultSqliteMmapMb } from '../server/src/db/database.ts';
import { startServer } from './load.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

async function writeSheet(file: string, rows: number): Promise<void> {
  if (existsSync(file)) return;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(['客户名称', '电话', '邮箱', '客户级别', '行业', '省份', '城市', '备注']).commit();
  for (let i = 0; i < rows; i++) {
    sheet
      .addRow([
        `导入基准客户${i}号贸易有限公司`,
        13800000000 + i,
        `import${i}@example.com`,
        ['重要客户', '普通客户', '小客户'][i % 3],
        'it',
        '广东省',
        '深圳市',
        '基准测试',
      ])
      .commit();
  }
  await workbook.commit();
}

/** Takes out every customer from `firstId` on, with its search entry and audit rows. */
function removeFrom(databaseFile: string, firstId: number): void {
  const db = new SQLite(databaseFile);
  db.exec('begin');
  db.prepare("delete from audit_logs where entity = 'customers' and entity_id >= ?").run(firstId);
  db.prepare('delete from customer_tags where customer_id >= ?').run(firstId);
  db.prepare('delete from customer_search where rowid >= ?').run(firstId);
  db.prepare('delete from customers where id >= ?').run(firstId);
  db.prepare("update sequences set value = ? where name = 'customers'").run(firstId - 1);
  db.exec('commit');
  db.close();
}

/** The process's memory in MB: the peak of its whole RSS, and now its whole RSS and its private (anonymous) part. */
const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { peak: field('VmHWM'), rss: field('VmRSS'), anonymous: field('RssAnon') };
};

type ImportRun = {
  rowsPerSecond: number;
  seconds: number;
  created: number;
  idleMb: number;
  peakMb: number;
  peakAnonymousMb: number;
};

/** Imports the file through a fresh server process (as `npm start` runs it); rows/s and the process's memory. */
async function importThroughServer(databaseUrl: string, file: string, rows: number): Promise<ImportRun> {
  const { baseUrl, child } = await startServer(databaseUrl);
  try {
    // Settled after start-up (the warm reader threads started).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleMb = memoryOf(child.pid!).rss;
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin12345' }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const form = new FormData();
    form.append('file', new Blob([readFileSync(file)]), path.basename(file));
    const startedAt = Date.now();
    const upload = await fetch(`${baseUrl}/api/v1/imports/customers?duplicates=create`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
      body: form,
    });
    if (!upload.ok) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
    const { id } = (await upload.json()) as { id: number };
    let status: { status: string; created: number; finishedAt: string | null };
    let peakAnonymousMb = 0;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      peakAnonymousMb = Math.max(peakAnonymousMb, memoryOf(child.pid!).anonymous);
      status = (await (
        await fetch(`${baseUrl}/api/v1/imports/${id}`, { headers: { cookie } })
      ).json()) as typeof status;
    } while (status.status === 'running');
    // Timed to the import's own finishing time (same clock, to the millisecond), not to the poll that saw it.
    const seconds = (Date.parse(status.finishedAt!) - startedAt) / 1000;
    if (status.status !== 'done') throw new Error(`the import ended ${status.status}`);
    return {
      rowsPerSecond: rows / seconds,
      seconds,
      created: status.created,
      idleMb,
      peakMb: memoryOf(child.pid!).peak,
      peakAnonymousMb,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function importTarget(customerCount: number, log: (line: string) => void): Promise<void> {
  const databaseFile = path.join(here, 'out', `bench-${customerCount}.db`);
  if (!existsSync(databaseFile))
    throw new Error(`${databaseFile} is missing: build it with npm run bench (or -- --load) first`);
  const databaseUrl = `sqlite:${databaseFile}`;
  const firstId = () => {
    const db = new SQLite(databaseFile, { readonly: true });
    const { id } = db.prepare('select coalesce(max(id), 0) + 1 as id from customers').get() as { id: number };
    db.close();
    return id;
  };

  const mmapMb = process.env.SQLITE_MMAP_MB ?? String(defaultSqliteMmapMb);
  const floorRun = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(here, 'import-floor.ts'),
      '--customers',
      String(customerCount),
      '--rows',
      '100000',
      '--mmap-mb',
      mmapMb,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const floor = Number(/: ([\d,]+) rows\/s/.exec(floorRun.stdout)?.[1]?.replaceAll(',', ''));
  if (!floor) throw new Error(`import-floor: ${floorRun.stdout}${floorRun.stderr}`);
  log(`  floor (SQLite alone): ${floor.toLocaleString()} rows/s`);

  const small = path.join(here, 'out', 'import-100k.xlsx');
  await writeSheet(small, 100_000);
  let first = firstId();
  const hundred = await importThroughServer(databaseUrl, small, 100_000);
  removeFrom(databaseFile, first);
  const ratio = hundred.rowsPerSecond / floor;
  log(
    `  100 000-row xlsx: ${Math.round(hundred.rowsPerSecond).toLocaleString()} rows/s, ${ratio.toFixed(2)} × the floor; server peak RSS ${hundred.peakMb.toFixed(0)} MB`,
  );

  const large = path.join(here, 'out', 'import-1m.xlsx');
  await writeSheet(large, 1_000_000);
  first = firstId();
  const million = await importThroughServer(databaseUrl, large, 1_000_000);
  removeFrom(databaseFile, first);
  log(
    `  1 000 000-row xlsx (${(statSync(large).size / 1024 / 1024).toFixed(0)} MB): ${Math.round(million.rowsPerSecond).toLocaleString()} rows/s in ${million.seconds.toFixed(0)} s, server RSS ${million.idleMb.toFixed(0)} MB idle, peak ${million.peakMb.toFixed(0)} MB, of which private memory at most ${million.peakAnonymousMb.toFixed(0)} MB`,
  );

  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os.loadavg()[0].toFixed(1)} at the end), Node ${process.version}, into the ${customerCount.toLocaleString()}-customer SQLite file, imports through a server process as \`npm start\` runs it (built JavaScript, ${serverNodeOptions().join(' ')}, SQLITE_MMAP_MB=${process.env.SQLITE_MMAP_MB ?? defaultSqliteMmapMb}); the floor opens the file the same way.`,
    '',
    '| measure | figure | target |',
    '|---|---|---|',
    `| floor: SQLite alone writing 100 000 customers, search entries and audit rows | ${floor.toLocaleString()} rows/s | |`,
    `| 100 000-row xlsx import | ${Math.round(hundred.rowsPerSecond).toLocaleString()} rows/s (${hundred.seconds.toFixed(1)} s) | |`,
    `| import ÷ floor | ${ratio.toFixed(2)}× | ≥ 0.75× |`,
    `| 1 000 000-row xlsx import | ${Math.round(million.rowsPerSecond).toLocaleString()} rows/s (${million.seconds.toFixed(0)} s) | |`,
    `| server RSS idle, before the 1 000 000-row import | ${million.idleMb.toFixed(0)} MB | |`,
    `| server peak RSS during the 1 000 000-row import (VmHWM) | ${million.peakMb.toFixed(0)} MB | < 400 MB |`,
    `| of which private memory at most (RssAnon, sampled every 250 ms; the rest is program files and the mapped part of the database file) | ${million.peakAnonymousMb.toFixed(0)} MB | |`,
  ];
  const resultsFile = path.join(here, 'RESULTS.md');
  const text = readFileSync(resultsFile, 'utf8');
  const section = ['<!-- import-target -->', '', ...lines, '', '<!-- /import-target -->'].join('\n');
  const next = text.includes('<!-- import-target -->')
    ? text.replace(/<!-- import-target -->[\s\S]*<!-- \/import-target -->/, section)
    : text.replace('\n<!-- results -->', `\n### Import target, measured\n\n${section}\n\n<!-- results -->`);
  writeFileSync(resultsFile, next);
}
