/**
 * `npx tsx bench/import-floor.ts [--customers 1000000] [--rows 100000] [--file other.db] [--mmap-mb N]`: what SQLite itself spends
 * writing an import's rows into the benchmark file (built by `npm run bench`), with nothing else to do:
 * customer rows as the import makes them, their search index entries and audit rows, through prepared
 * statements of 500 rows in transactions of 1 000. No file is read and no row is checked, so the rows
 * per second printed are the most any SQLite import into that file can reach on this machine.
 * The rows are removed again afterwards.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { defaultSqliteMmapMb } from '../server/src/db/database.ts';
import { newCustomerRows } from '../server/src/modules/customers/customers.bulk.ts';
import { numberArg } from './args.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const customerCount = numberArg('customers', 1_000_000);
const rowCount = numberArg('rows', 100_000);
const statementRows = 500;
const transactionRows = 1000;

const fileArg = process.argv.indexOf('--file');
const db = new SQLite(fileArg >= 0 ? process.argv[fileArg + 1] : path.join(here, 'out', `bench-${customerCount}.db`));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
// As the server opens the file (SQLITE_MMAP_MB, by default defaultSqliteMmapMb): the floor is what SQLite,
// configured as the server configures it, spends on the rows. `--mmap-mb 2047` maps the file as far as SQLite can.
const mmapMb = numberArg('mmap-mb', defaultSqliteMmapMb);
db.pragma(`mmap_size = ${mmapMb * 1024 * 1024}`);

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const placeholders = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => `(${Array(columns).fill('?').join(',')})`).join(',');

const first = (db.prepare('select max(id) as id from customers').get() as { id: number }).id + 1;
const items = Array.from({ length: rowCount }, (_, i) => ({
  name: `导入基准客户${i}号贸易有限公司`,
  phone: String(13800000000 + i),
  email: `import${i}@example.com`,
  level: 'A',
  industry: 'it',
  province: '广东省',
  city: '深圳市',
  remark: '基准测试',
  type: 'company' as const,
  owner: { id: 1, departmentId: null },
}));
const { rows, docs } = newCustomerRows(
  'sqlite',
  { userId: 1, username: 'admin', ip: '127.0.0.1', userAgent: null },
  items,
  first,
);
const columns = Object.keys(rows[0]) as Array<keyof (typeof rows)[number]>;
const insertCustomers = db.prepare(
  `insert into customers (${columns.map(snake).join(',')}) values ${placeholders(statementRows, columns.length)} returning id`,
);
const insertSearch = db.prepare(`insert into customer_search (rowid, grams) values ${placeholders(statementRows, 2)}`);
const auditColumns = ['created_at', 'user_id', 'username', 'ip', 'action', 'entity', 'entity_id', 'detail'];
const insertAudit = db.prepare(
  `insert into audit_logs (${auditColumns.join(',')}) values ${placeholders(statementRows, auditColumns.length)}`,
);

const spent = { customers: 0, search: 0, audit: 0, commit: 0 };
const time = <T>(part: keyof typeof spent, work: () => T): T => {
  const started = performance.now();
  const result = work();
  spent[part] += performance.now() - started;
  return result;
};
const started = performance.now();
const cpuBefore = process.cpuUsage();
for (let t = 0; t < rowCount; t += transactionRows) {
  db.exec('begin');
  for (let s = t; s < Math.min(rowCount, t + transactionRows); s += statementRows) {
    const part = rows.slice(s, s + statementRows);
    const ids = time('customers', () =>
      (insertCustomers.all(part.flatMap((row) => columns.map((c) => row[c]))) as Array<{ id: number }>).map(
        (r) => r.id,
      ),
    );
    time('search', () => insertSearch.run(ids.flatMap((id, k) => [id, docs[s + k].grams])));
    time('audit', () =>
      insertAudit.run(
        ids.flatMap((id, k) => [
          part[k].createdAt,
          1,
          'admin',
          '127.0.0.1',
          'create',
          'customers',
          id,
          JSON.stringify({ importId: 0, code: part[k].code }),
        ]),
      ),
    );
  }
  time('commit', () => db.exec('commit'));
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
console.log(
  `${rowCount.toLocaleString()} rows into ${customerCount.toLocaleString()} customers in ${seconds.toFixed(2)} s: ${Math.round(rowCount / seconds).toLocaleString()} rows/s`,
);
console.log(
  `  customers ${ms(spent.customers)}, search index ${ms(spent.search)}, audit ${ms(spent.audit)}, commits ${ms(spent.commit)}`,
);
console.log(
  `  processor time ${ms((cpu.user + cpu.system) / 1000)} (user ${ms(cpu.user / 1000)}, system ${ms(cpu.system / 1000)})`,
);

db.exec('begin');
db.prepare("delete from audit_logs where entity = 'customers' and entity_id >= ?").run(first);
db.prepare('delete from customer_search where rowid >= ?').run(first);
db.prepare('delete from customers where id >= ?').run(first);
db.exec('commit');
db.close();
