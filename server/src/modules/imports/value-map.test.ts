import type { ImportValueMap } from '@relate/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createUserClient, unique } from '../../../test/factories.ts';
import { csvOf, waitForLongImport } from '../../../test/imports.ts';

type Entity = 'customers' | 'leads';

/** A multipart body as the wizard sends it: the file, and the mapping and value choices as JSON fields. */
function multipart(file: Buffer, fileName: string, fields: Record<string, unknown>) {
  const boundary = `----vm${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${JSON.stringify(value)}\r\n`),
  );
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const preview = (client: Client, entity: Entity, file: Buffer, fields: Record<string, unknown> = {}) =>
  client.request('POST', `/api/v1/imports/${entity}/preview`, multipart(file, 'sheet.csv', fields));

const start = (client: Client, entity: Entity, file: Buffer, valueMap?: ImportValueMap, query = {}) =>
  client.request('POST', `/api/v1/imports/${entity}`, {
    query,
    ...multipart(file, 'sheet.csv', valueMap ? { valueMap } : {}),
  });

describe.each(testDialects)('unknown dictionary values in an import on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const industryOptions = async () =>
    (await t.admin.get('/api/v1/dictionaries/industry/options')).json() as Array<{ code: string; labelZh: string }>;
  const customerTotal = async (query: Record<string, string>) =>
    (await t.admin.get('/api/v1/customers', { ...query, pageSize: 1 })).json().total as number;

  it('lists unknown values with their counts, and maps, adds or empties them across chunks; unmapped ones reject their rows', async () => {
    const tag = unique('vm');
    // 2 300 rows: more than two chunks of 1 000. Each unknown value is met in every chunk, spelt two ways.
    const values = [`${tag}Fin`, `${tag}New`, `${tag}Blank`, `${tag}Odd`];
    const rows = Array.from({ length: 2300 }, (_, i) => {
      const value = values[i % 4];
      return [`${tag}客户${i}`, i % 8 < 4 ? value : ` ${value.toUpperCase()} `, i % 5 === 0 ? '重要客户' : ''];
    });
    const file = csvOf([['客户名称', '行业', '客户级别'], ...rows]);
    const perValue = 2300 / 4;

    const previewed = await preview(t.admin, 'customers', file);
    expect(previewed.statusCode).toBe(200);
    expect(previewed.json()).toMatchObject({ total: 2300, canAddOptions: true });
    expect(previewed.json().unknownValues).toEqual([
      {
        field: 'industry',
        column: '行业',
        dictionary: 'industry',
        values: expect.arrayContaining(values.map((value) => ({ value, count: perValue, rows: expect.any(Array) }))),
        more: 0,
      },
    ]);
    expect(previewed.json().unknownValues[0].values).toHaveLength(4);
    // Each value names its first rows as the sheet numbers them (the header is row 1).
    expect(previewed.json().unknownValues[0].values.find((v: { value: string }) => v.value === values[3]).rows).toEqual(
      [5, 9, 13, 17, 21],
    );

    const valueMap: ImportValueMap = {
      industry: {
        [values[0]]: { action: 'map', code: 'finance' },
        [values[1]]: { action: 'add' },
        [values[2]]: { action: 'empty' },
      },
    };
    // A sales rep may import but not add options: refused before anything is written.
    const rep = await createUserClient(t, 'sales_rep');
    const repPreview = await preview(rep, 'customers', file);
    expect(repPreview.json().canAddOptions).toBe(false);
    expect((await start(rep, 'customers', file, valueMap)).statusCode).toBe(403);
    // A choice naming an option that does not exist refuses the import up front, and adds no option.
    const wrong = await start(t.admin, 'customers', file, {
      industry: { ...valueMap.industry, [values[0]]: { action: 'map', code: 'no-such-industry' } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty(['valueMap.industry']);
    // A check only (dry run) counts the rows as the import would and adds no option either.
    const dry = await waitForLongImport(
      t.admin,
      (await start(t.admin, 'customers', file, valueMap, { dryRun: 'true' })).json().id,
    );
    expect(dry).toMatchObject({ status: 'done', created: 2300 - perValue });
    expect((await industryOptions()).some((o) => o.labelZh === values[1])).toBe(false);
    expect(await customerTotal({ q: tag })).toBe(0);

    const started = await start(t.admin, 'customers', file, valueMap);
    expect(started.statusCode).toBe(202);
    const result = await waitForLongImport(t.admin, started.json().id);
    expect(result).toMatchObject({ status: 'done', total: 2300, processed: 2300, created: 2300 - perValue });
    // The unmapped value rejects each of its rows, numbered as in the sheet (the header is row 1).
    expect(result.rejected).toHaveLength(perValue);
    expect(result.rejected.slice(0, 2)).toEqual([
      { row: 5, column: '行业', message: expect.stringContaining(values[3]) },
      { row: 9, column: '行业', message: expect.stringContaining(values[3].toUpperCase()) },
    ]);
    expect(result.rejected.map((r: { row: number }) => r.row)).toEqual(
      rows.flatMap((_, i) => (i % 4 === 3 ? [i + 2] : [])),
    );

    const added = (await industryOptions()).filter((o) => o.labelZh === values[1]);
    expect(added).toHaveLength(1);
    expect(await customerTotal({ q: tag })).toBe(2300 - perValue);
    expect(await customerTotal({ q: tag, industry: 'finance' })).toBe(perValue);
    expect(await customerTotal({ q: tag, industry: added[0].code })).toBe(perValue);
    // The emptied rows are there without an industry; the level column, all known, was read as usual.
    expect(await customerTotal({ q: tag, level: 'A' })).toBe(rows.filter((r, i) => r[2] && i % 4 !== 3).length);

    // The next file finds the added option by its label; adding it again adds nothing.
    const again = await preview(
      t.admin,
      'customers',
      csvOf([
        ['客户名称', '行业'],
        [`${tag}又一个`, values[1]],
      ]),
    );
    expect(again.json().unknownValues).toEqual([]);
    const twice = await waitForLongImport(
      t.admin,
      (
        await start(
          t.admin,
          'customers',
          csvOf([
            ['客户名称', '行业'],
            [`${tag}再一个`, values[1]],
          ]),
          {
            industry: { [values[1]]: { action: 'add' } },
          },
        )
      ).json().id,
    );
    expect(twice).toMatchObject({ created: 1, rejected: [] });
    expect((await industryOptions()).filter((o) => o.labelZh === values[1])).toHaveLength(1);
  });

  it('reports unknown values of the columns as the wizard mapped them, and refuses choices for unmapped fields', async () => {
    const tag = unique('vmm');
    const file = csvOf([
      ['公司', '类别'],
      [`${tag}甲`, `${tag}行业`],
    ]);
    expect((await preview(t.admin, 'customers', file)).json().unknownValues).toEqual([]);
    const mapped = await preview(t.admin, 'customers', file, { mapping: { 公司: 'name', 类别: 'industry' } });
    expect(mapped.json().unknownValues).toEqual([
      {
        field: 'industry',
        column: '类别',
        dictionary: 'industry',
        values: [{ value: `${tag}行业`, count: 1, rows: [2] }],
        more: 0,
      },
    ]);
    // A file refused once read (only a header) adds none of the options its choices asked for.
    const headerOnly = await start(t.admin, 'customers', csvOf([['客户名称', '行业']]), {
      industry: { [`${tag}空文件`]: { action: 'add' } },
    });
    expect(headerOnly.statusCode).toBe(400);
    expect((await industryOptions()).some((o) => o.labelZh === `${tag}空文件`)).toBe(false);
    const unmapped = await start(t.admin, 'customers', file, { industry: { [`${tag}行业`]: { action: 'empty' } } });
    expect(unmapped.statusCode).toBe(400);
    const broken = await t.admin.request('POST', '/api/v1/imports/customers', {
      ...multipart(file, 'sheet.csv', { valueMap: { industry: { x: { action: 'paint' } } } }),
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields).toHaveProperty('valueMap');
  });

  it('maps, adds and empties unknown lead sources across chunks', async () => {
    const tag = unique('vml');
    const values = [`${tag}Fair`, `${tag}Radio`, `${tag}None`, `${tag}Odd`];
    const rows = Array.from({ length: 1200 }, (_, i) => [
      `${tag}线索${i}`,
      `139${String(i).padStart(8, '0')}`,
      values[i % 4],
    ]);
    const file = csvOf([['姓名', '手机', '线索来源'], ...rows]);
    const previewed = (await preview(t.admin, 'leads', file)).json();
    expect(previewed.unknownValues).toEqual([
      expect.objectContaining({
        field: 'source',
        values: expect.arrayContaining([{ value: values[0], count: 300, rows: [2, 6, 10, 14, 18] }]),
      }),
    ]);
    const rep = await createUserClient(t, 'sales_rep');
    expect((await start(rep, 'leads', file, { source: { [values[1]]: { action: 'add' } } })).statusCode).toBe(403);
    const result = await waitForLongImport(
      t.admin,
      (
        await start(t.admin, 'leads', file, {
          source: {
            [values[0]]: { action: 'map', code: 'exhibition' },
            [values[1]]: { action: 'add' },
            [values[2]]: { action: 'empty' },
          },
        })
      ).json().id,
    );
    expect(result).toMatchObject({ status: 'done', total: 1200, created: 900 });
    expect(result.rejected).toHaveLength(300);
    expect(result.rejected[0]).toMatchObject({ row: 5, column: '线索来源' });
    const sources = (await t.admin.get('/api/v1/dictionaries/customer_source/options')).json() as Array<{
      code: string;
      labelEn: string;
    }>;
    const radio = sources.find((o) => o.labelEn === values[1])!;
    expect(radio).toBeTruthy();
    const leadTotal = async (query: Record<string, string>) =>
      (await t.admin.get('/api/v1/leads', { q: tag, pageSize: 1, ...query })).json().total as number;
    expect(await leadTotal({})).toBe(900);
    expect(await leadTotal({ source: 'exhibition' })).toBe(300);
    expect(await leadTotal({ source: radio.code })).toBe(300);
  });
});
