import type { ReportDefinitionInput } from '@relate/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createDepartment, createUserClient } from '../../../test/factories.ts';
import { pdfText } from '../../../test/pdf-text.ts';

/**
 * A report printed as a PDF: its name, its chart drawn as vectors with the axis texts a reader can copy,
 * its table with the totals over every record, in the reader's language and within their scope; headings
 * repeated on each page of a long table.
 */
describe.each(testDialects)('reports as PDF on %s', (dialect) => {
  let t: TestApp;
  let rep: Client;
  const byProvince: ReportDefinitionInput = {
    source: 'customers',
    groupBy: [{ field: 'province' }],
    measures: [{ aggregate: 'count' }],
    limit: 1000,
  };
  const provinces = ['广东省', '浙江省', '四川省'];

  const pdfOf = async (client: Client, body: Record<string, unknown>) => {
    const response = await client.post('/api/v1/reports/pdf', body);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    return { pdf, text: await pdfText(pdf), disposition: String(response.headers['content-disposition']) };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    rep = await createUserClient(t, 'sales_rep', await createDepartment(t, 'PDF东区'));
    for (const [i, province] of provinces.entries())
      for (let n = 0; n <= i; n++) await createCustomer(rep, { province });
    await createCustomer(t.admin, { province: '北京市' });
  });
  afterAll(() => t?.close());

  it('prints the name, a bar chart with its axis texts, the table and the totals, in the reader’s language', async () => {
    const { text, disposition, pdf } = await pdfOf(t.admin, {
      name: '客户地区分布',
      definition: byProvince,
      chart: 'bar',
    });
    expect(disposition).toContain(encodeURIComponent('客户地区分布'));
    expect(disposition).toMatch(/\.pdf$/);
    expect(text).toContain('客户地区分布');
    const { rows } = await sql<{ n: number }>`select count(*) as n from customers where deleted_at is null`.execute(
      t.database.db,
    );
    // The table's headings and totals, in the administrator's language (Chinese).
    expect(text).toContain('省份');
    expect(text).toMatch(new RegExp(`合计\\s*${Number(rows[0].n)}`));
    // Each province twice: once on the chart's axis, once in the table.
    for (const province of provinces) expect(text.split(province).length - 1).toBeGreaterThanOrEqual(2);
    // Drawn as vectors: no image in the file.
    expect(pdf.includes('/Subtype /Image')).toBe(false);
  });

  it('keeps a rep to the customers they may see, and writes in the rep’s language', async () => {
    const { text, disposition } = await pdfOf(rep, { name: 'My provinces', definition: byProvince, chart: 'table' });
    expect(text).toContain('Province');
    expect(text).toMatch(/Total\s*6/);
    expect(text).not.toContain('北京市');
    expect(text).toContain('Page 1 of 1');
    // Whose figures they are, said plainly; named as the spreadsheet of the same report is.
    expect(text).toMatch(/Figures visible to/);
    expect(disposition).toMatch(new RegExp(`${encodeURIComponent('My provinces')}(%20| )\\d{4}-\\d{2}-\\d{2}\\.pdf`));
  });

  it('draws a map of China and a pie, and says why a scatter of one measure cannot be drawn', async () => {
    const map = await pdfOf(t.admin, { name: 'Map', definition: byProvince, chart: 'map' });
    expect(map.pdf.length).toBeGreaterThan(20_000);
    await pdfOf(t.admin, { name: 'Pie', definition: byProvince, chart: 'pie' });
    const scatter = await pdfOf(t.admin, { name: 'Scatter', definition: byProvince, chart: 'scatter' });
    expect(scatter.text).toContain('散点图需要两个指标');
  });

  it('repeats the headings on each page of a long table', async () => {
    const values = Array.from({ length: 90 }, (_, i) => ({
      name: `PDF长表客户${i}`,
      city: `城市${String(i).padStart(3, '0')}`,
    }));
    for (const fields of values) await createCustomer(t.admin, fields);
    const { text } = await pdfOf(t.admin, {
      name: 'Cities',
      definition: {
        source: 'customers',
        groupBy: [{ field: 'city' }],
        measures: [{ aggregate: 'count' }],
        limit: 1000,
      },
      chart: 'table',
    });
    const pages = text.split('\n');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toContain('地区');
    expect(text).toContain('城市089');
  });

  it('refuses what cannot be printed with a clear error', async () => {
    const noName = await t.admin.post('/api/v1/reports/pdf', { name: ' ', definition: byProvince, chart: 'bar' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.fields).toHaveProperty('name');
    const badChart = await t.admin.post('/api/v1/reports/pdf', { name: 'x', definition: byProvince, chart: 'radar' });
    expect(badChart.statusCode).toBe(400);
    const noSource = await rep.post('/api/v1/reports/pdf', {
      name: 'x',
      definition: { source: 'surveyAnswers', groupBy: [], measures: [{ aggregate: 'count' }] },
      chart: 'table',
    });
    expect(noSource.statusCode).toBe(403);
  });
});
