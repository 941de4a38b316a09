import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from './app.ts';
import { createTestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer, createDepartment, createUserClient } from './factories.ts';
import { uploadImport, waitForImport } from './imports.ts';

/**
 * Department tree:      Sales ─┬─ East ── Shanghai
 *                              └─ West
 * Each person owns one customer; the matrix states exactly which customers each role reaches.
 */
describe.each(testDialects)('permission matrix on %s', (dialect) => {
  let t: TestApp;
  const people: Record<string, Client & { username: string }> = {};
  const customers: Record<string, { id: number; name: string }> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const sales = await createDepartment(t, '销售部');
    const east = await createDepartment(t, '华东区', sales);
    const shanghai = await createDepartment(t, '上海组', east);
    const west = await createDepartment(t, '华西区', sales);
    people.eastManager = await createUserClient(t, 'sales_manager', east);
    people.eastRep = await createUserClient(t, 'sales_rep', east);
    people.shanghaiRep = await createUserClient(t, 'sales_rep', shanghai);
    people.westRep = await createUserClient(t, 'sales_rep', west);
    people.agent = await createUserClient(t, 'service_agent', west);
    people.reader = await createUserClient(t, 'readonly', west);
    for (const owner of ['eastManager', 'eastRep', 'shanghaiRep', 'westRep']) {
      customers[owner] = await createCustomer(people[owner], { name: `客户-${owner}-${dialect}` });
    }
  });
  afterAll(async () => t?.close());

  const owners = ['eastManager', 'eastRep', 'shanghaiRep', 'westRep'];
  const expectedVisible: Record<string, string[]> = {
    eastManager: ['eastManager', 'eastRep', 'shanghaiRep'],
    eastRep: ['eastRep'],
    shanghaiRep: ['shanghaiRep'],
    westRep: ['westRep'],
    agent: owners,
    reader: owners,
  };
  const canEdit: Record<string, boolean> = {
    eastManager: true,
    eastRep: true,
    shanghaiRep: true,
    westRep: true,
    agent: false,
    reader: false,
  };
  const canExport: Record<string, boolean> = {
    eastManager: true,
    eastRep: true,
    shanghaiRep: true,
    westRep: true,
    agent: false,
    reader: false,
  };

  const visibleNames = (list: Array<{ name: string }>) =>
    owners.filter((owner) => list.some((c) => c.name === customers[owner].name)).sort();

  it.each(Object.keys(expectedVisible))('%s lists exactly the customers of its scope', async (person) => {
    const list = (await people[person].get('/api/v1/customers', { q: dialect, pageSize: 200 })).json().items;
    expect(visibleNames(list)).toEqual([...expectedVisible[person]].sort());
  });

  it.each(Object.keys(expectedVisible))('%s opens customers in scope and gets 404 outside it', async (person) => {
    for (const owner of owners) {
      const status = (await people[person].get(`/api/v1/customers/${customers[owner].id}`)).statusCode;
      expect(status, `${person} → ${owner}`).toBe(expectedVisible[person].includes(owner) ? 200 : 404);
    }
  });

  it.each(Object.keys(expectedVisible))('%s edits only in scope and only with the permission', async (person) => {
    for (const owner of owners) {
      const status = (
        await people[person].patch(`/api/v1/customers/${customers[owner].id}`, { remark: `by ${person}` })
      ).statusCode;
      const expected = !canEdit[person] ? 403 : expectedVisible[person].includes(owner) ? 200 : 404;
      expect(status, `${person} → ${owner}`).toBe(expected);
    }
  });

  it.each(Object.keys(expectedVisible))('%s exports exactly its scope', async (person) => {
    const response = await people[person].request('GET', '/api/v1/exports/customers', {
      query: { format: 'csv', q: dialect },
    });
    if (!canExport[person]) {
      expect(response.statusCode).toBe(403);
      return;
    }
    const exported = owners.filter((owner) => response.body.includes(customers[owner].name)).sort();
    expect(exported).toEqual([...expectedVisible[person]].sort());
  });

  it('import-update touches only customers in scope; the rest are rejected, none are lost', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '备注']);
    for (const owner of owners) sheet.addRow([customers[owner].name, 'imported remark']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const { id } = (
      await uploadImport(people.eastRep, 'customers', file, 'update.xlsx', { duplicates: 'update' })
    ).json();
    const result = await waitForImport(people.eastRep, id);
    expect(result).toMatchObject({ status: 'done', updated: 1, created: 0 });
    expect(result.rejected.map((r: { row: number }) => r.row).sort()).toEqual([2, 4, 5]);
    const own = (await people.eastRep.get(`/api/v1/customers/${customers.eastRep.id}`)).json();
    expect(own.remark).toBe('imported remark');
    const other = (await t.admin.get(`/api/v1/customers/${customers.westRep.id}`)).json();
    expect(other.remark).not.toBe('imported remark');
  });
});
