import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient, unique } from '../../../test/factories.ts';
import { uploadImport, waitForImport, xlsxOf } from '../../../test/imports.ts';

describe.each(testDialects)('imports and exports on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const names = async (q: string) => (await t.admin.get('/api/v1/customers', { q, pageSize: 200 })).json().items;

  it('imports good rows, rejects bad ones with row, column and reason, and keeps numeric phones as digits', async () => {
    const tag = unique('imp');
    const file = await xlsxOf([
      ['客户名称', '电话', '邮箱', '客户级别', '行业', '负责人', '标签'],
      [`${tag}甲公司`, 13800000000, 'a@example.com', '重要客户', 'it', 'admin', `${tag}, 华北`],
      ['', 13800000001, 'b@example.com', 'A', '', '', ''],
      [`${tag}乙公司`, '021-55556666', 'not-an-email', 'B', '', '', ''],
      [`${tag}丙公司`, '', '', 'Z级', '', '', ''],
      [`${tag}丁公司`, '', '', 'Regular', '', 'nobody-here', ''],
      [`${tag}戊公司`, '', '', 'c', 'Finance', '系统管理员', ''],
      [`${tag}己公司`, '021-5555', '', '', '', '', ''],
    ]);
    const started = await uploadImport(t.admin, 'customers', file, 'customers.xlsx');
    expect(started.statusCode).toBe(202);
    const result = await waitForImport(t.admin, started.json().id);
    expect(result).toMatchObject({ status: 'done', total: 7, processed: 7, created: 2, updated: 0, skipped: 0 });
    expect(result.rejected).toEqual([
      { row: 3, column: '客户名称', message: expect.any(String) },
      { row: 4, column: '邮箱', message: expect.any(String) },
      { row: 5, column: '客户级别', message: expect.stringContaining('Z级') },
      { row: 6, column: '负责人', message: expect.stringContaining('nobody-here') },
      // A number too short for any landline is a reason, not a silent store.
      { row: 8, column: '电话', message: expect.any(String) },
    ]);
    const [first] = await names(`${tag}甲`);
    expect(first).toMatchObject({
      phone: '13800000000',
      level: 'A',
      industry: 'it',
      tags: expect.arrayContaining([tag, '华北']),
    });
    const [fifth] = await names(`${tag}戊`);
    expect(fifth).toMatchObject({ level: 'C', industry: 'finance' });

    const rejectedFile = await t.admin.request('GET', `/api/v1/imports/${started.json().id}/rejected`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(rejectedFile.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(6);
    expect(String(sheet.getRow(3).getCell(9).value)).toContain('邮箱');
  });

  it('answers status requests while a long import is still writing', async () => {
    const tag = unique('long');
    const file = Buffer.from(['客户名称', ...Array.from({ length: 5000 }, (_, i) => `${tag}客户${i}`)].join('\n'));
    const started = await uploadImport(t.admin, 'customers', file, 'long.csv');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const during = (await t.admin.get(`/api/v1/imports/${started.json().id}`)).json();
    expect(during.status).toBe('running');
    expect(during.processed).toBeLessThan(5000);
    expect(await waitForImport(t.admin, started.json().id)).toMatchObject({ status: 'done', created: 5000 });
  });

  it('reads GBK CSV as saved by Chinese Excel, and UTF-8 with a BOM', async () => {
    const tag = unique('csv');
    const text = `客户名称,电话,客户阶段\r\n${tag}广州贸易,020-12345678,意向客户\r\n`;
    const gbk = await uploadImport(t.admin, 'customers', iconv.encode(text, 'gb18030'), 'gbk.csv');
    expect((await waitForImport(t.admin, gbk.json().id)).created).toBe(1);
    const utf8 = await uploadImport(
      t.admin,
      'customers',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(tag, `${tag}B`))]),
      'utf8.csv',
    );
    expect((await waitForImport(t.admin, utf8.json().id)).created).toBe(1);
    const [customer] = await names(`${tag}广州`);
    expect(customer).toMatchObject({ stage: 'intent', phone: '020-12345678' });
  });

  it('numbers rejected rows as the sheet does across blank rows, reads dates as days, and ends with the total read', async () => {
    const tag = unique('rows');
    const file = await xlsxOf([
      [],
      ['客户名称', null, '邮箱', '备注'],
      [`${tag}甲`, 'x', 'a@example.com', new Date(Date.UTC(2026, 2, 5))],
      [],
      [],
      [`${tag}乙`, null, 'broken', ''],
    ]);
    const started = await uploadImport(t.admin, 'customers', file, 'gaps.xlsx');
    const result = await waitForImport(t.admin, started.json().id);
    expect(result).toMatchObject({
      status: 'done',
      total: 2,
      processed: 2,
      created: 1,
      reading: false,
      rejected: [{ row: 6, column: '邮箱' }],
    });
    expect((await names(`${tag}甲`))[0].remark).toBe('2026-03-05');
    // A column without a header reads as an empty one, in the header and in every row.
    const preview = await t.admin.request('POST', '/api/v1/imports/customers/preview', {
      payload: Buffer.concat([
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="gaps.xlsx"\r\n\r\n'),
        file,
        Buffer.from('\r\n--b--\r\n'),
      ]),
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(preview.json().columns.map((c: { header: string }) => c.header)).toEqual(['客户名称', '', '邮箱', '备注']);
    expect(preview.json().sample).toEqual([
      [`${tag}甲`, 'x', 'a@example.com', '2026-03-05'],
      [`${tag}乙`, '', 'broken', ''],
    ]);
  });

  it('refuses a damaged workbook and one with only a header row', async () => {
    const damaged = (await xlsxOf([['客户名称'], ['x']])).subarray(0, 200);
    const broken = await uploadImport(t.admin, 'customers', damaged, 'damaged.xlsx');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields).toHaveProperty('file');
    const headerOnly = await uploadImport(t.admin, 'customers', await xlsxOf([['客户名称', '电话']]), 'empty.xlsx');
    expect(headerOnly.statusCode).toBe(400);
    expect(headerOnly.json().error.fields.file).toBeTruthy();
  });

  it('reads legacy .xls files', async () => {
    const tag = unique('xls');
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      workbook,
      XLSX.utils.aoa_to_sheet([
        ['Customer name', 'Phone'],
        [`${tag} Ltd`, 13912345678],
      ]),
      'S',
    );
    const file = XLSX.write(workbook, { type: 'buffer', bookType: 'xls' }) as Buffer;
    const result = await waitForImport(t.admin, (await uploadImport(t.admin, 'customers', file, 'old.xls')).json().id);
    expect(result.created).toBe(1);
    expect((await names(tag))[0].phone).toBe('13912345678');
  });

  it('follows the duplicate mode for existing names and repeated rows, and writes nothing on a dry run', async () => {
    const existing = await createCustomer(t.admin, { name: unique('已有客户') });
    const fresh = unique('新客户');
    const file = await xlsxOf([
      ['name', 'remark'],
      [existing.name, 'x'],
      [fresh, 'first'],
      [`${fresh} `, 'second'],
    ]);
    const dry = await waitForImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', file, 'a.xlsx', { dryRun: 'true' })).json().id,
    );
    expect(dry).toMatchObject({ created: 1, skipped: 2, dryRun: true });
    expect(await names(fresh)).toHaveLength(0);
    const skipped = await waitForImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', file, 'a.xlsx', { duplicates: 'skip' })).json().id,
    );
    expect(skipped).toMatchObject({ created: 1, skipped: 2 });
    const updated = await waitForImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', file, 'a.xlsx', { duplicates: 'update' })).json().id,
    );
    expect(updated).toMatchObject({ created: 0, updated: 3 });
    expect((await names(fresh))[0].remark).toBe('second');
    const created = await waitForImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', file, 'a.xlsx', { duplicates: 'create' })).json().id,
    );
    expect(created).toMatchObject({ created: 3 });
  });

  it('uses the column mapping chosen in the wizard', async () => {
    const tag = unique('map');
    const file = await xlsxOf([
      ['公司', '座机号码'],
      [`${tag}公司`, '0571-88886666'],
    ]);
    const preview = await t.admin.request('POST', '/api/v1/imports/customers/preview', {
      payload: Buffer.concat([
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="m.xlsx"\r\n\r\n'),
        file,
        Buffer.from('\r\n--b--\r\n'),
      ]),
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(preview.json().columns).toEqual([
      { header: '公司', field: null },
      { header: '座机号码', field: null },
    ]);
    const result = await waitForImport(
      t.admin,
      (await uploadImport(t.admin, 'customers', file, 'm.xlsx', {}, { 公司: 'name', 座机号码: 'phone' })).json().id,
    );
    expect(result.created).toBe(1);
    expect((await names(tag))[0].phone).toBe('0571-88886666');
  });

  it('imports contacts matched to their customer by code or name', async () => {
    const customer = await createCustomer(t.admin, { name: unique('联系人导入') });
    const file = await xlsxOf([
      ['客户', '姓名', '手机', '性别'],
      [customer.code, '张三', 13700000000, '男'],
      [customer.name, '李四', '', '女'],
      ['不存在的客户', '王五', '', ''],
    ]);
    const result = await waitForImport(t.admin, (await uploadImport(t.admin, 'contacts', file, 'c.xlsx')).json().id);
    expect(result).toMatchObject({ created: 2, rejected: [{ row: 4, column: '客户' }] });
    const contacts = (await t.admin.get('/api/v1/contacts', { customerId: customer.id })).json().items;
    expect(contacts.map((c: { name: string; mobile: string | null }) => [c.name, c.mobile]).sort()).toEqual([
      ['张三', '13700000000'],
      ['李四', null],
    ]);
  });

  it('refuses unsupported files and users without the import permission', async () => {
    const bad = await uploadImport(t.admin, 'customers', Buffer.from('MZ'), 'virus.exe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('file');
    const reader = await createUserClient(t, 'readonly');
    expect((await uploadImport(reader, 'customers', await xlsxOf([['name'], ['x']]), 'a.xlsx')).statusCode).toBe(403);
  });

  it('keeps no uploaded file once it has been read, refused or stopped', async () => {
    const tag = unique('upl');
    const file = await xlsxOf([['客户名称'], [`${tag}甲`], [`${tag}乙`]]);
    const preview = await t.admin.request('POST', '/api/v1/imports/customers/preview', {
      payload: Buffer.concat([
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n'),
        file,
        Buffer.from('\r\n--b--\r\n'),
      ]),
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(preview.json()).toMatchObject({ total: 2 });
    const started = await uploadImport(t.admin, 'customers', file, 'a.xlsx');
    expect(await waitForImport(t.admin, started.json().id)).toMatchObject({ status: 'done', created: 2 });
    expect((await uploadImport(t.admin, 'customers', file.subarray(0, 200), 'damaged.xlsx')).statusCode).toBe(400);
    expect((await uploadImport(t.admin, 'customers', Buffer.from('MZ'), 'virus.exe')).statusCode).toBe(400);
    expect((await uploadImport(t.admin, 'customers', Buffer.from('电话\n138'), 'no-name.csv')).statusCode).toBe(400);
    const folder = path.join(t.dataDir, 'uploads');
    const left = async () => (await readdir(folder).catch(() => [])).length;
    for (let i = 0; i < 40 && (await left()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await left()).toBe(0);
  });

  it('offers a template in the user language with drop-downs on dictionary columns', async () => {
    const response = await t.admin.request('GET', '/api/v1/imports/customers/template', { query: { format: 'xlsx' } });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    expect(headers[0]).toBe('客户名称*');
    const levelColumn = headers.indexOf('客户级别') + 1;
    expect(sheet.getCell(2, levelColumn).dataValidation).toMatchObject({ type: 'list' });
  });

  it('exports the filtered list as xlsx in the caller language', async () => {
    const tag = unique('exp');
    await createCustomer(t.admin, { name: `${tag}一`, level: 'A' });
    await createCustomer(t.admin, { name: `${tag}二`, level: 'B' });
    const response = await t.admin.request('GET', '/api/v1/exports/customers', {
      query: { format: 'xlsx', q: tag, level: 'A' },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0].getSheetValues().slice(1) as unknown[][];
    expect(rows[0]).toContain('客户名称');
    expect(rows.slice(1).map((r) => r[2])).toEqual([`${tag}一`]);
    expect(rows[1]).toContain('重要客户');
  });
});
