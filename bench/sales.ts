import type { Kysely } from 'kysely';
import type { DB } from '../server/src/db/schema.ts';
import { departmentSubtree } from '../server/src/platform/scope.ts';
import { type PrintedDocument, renderDocumentPdf } from '../server/src/modules/quotes/document-pdf.ts';
import { getSettings } from '../server/src/modules/settings/index.ts';
import { ms, percentile, timeEach } from './stats.ts';

type Get = (pathAndQuery: string) => Promise<Response>;

async function timed(samples: number, get: Get, url: (i: number) => string) {
  for (let i = 0; i < 5; i++) await (await get(url(i))).arrayBuffer();
  return timeEach(samples, async (i) => {
    const response = await get(url(i));
    if (!response.ok) throw new Error(`${url(i)}: ${await response.text()}`);
    await response.arrayBuffer();
  });
}

/**
 * The sales side over HTTP as a sales manager (a region: a fifth of the data): a customer's timeline,
 * the board of the default pipeline, and the forecast of the region for this year by month.
 */
export async function benchSales(
  db: Kysely<DB>,
  get: Get,
  manager: { userId: number; departmentId: number },
  samples: number,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const departments = await departmentSubtree(db, manager.departmentId);
  const customers = await db
    .selectFrom('customers')
    .select('id')
    .where('departmentId', 'in', departments)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .limit(20_000)
    .execute();
  const pick = (i: number) => customers[(i * 7919) % customers.length].id;
  const timeline = await timed(samples, get, (i) => `/api/v1/customers/${pick(i)}/timeline?limit=20`);
  result['timeline p50'] = ms(percentile(timeline, 50));
  result['timeline p99'] = ms(percentile(timeline, 99));

  const pipeline = await db.selectFrom('pipelines').select('id').where('isDefault', '=', 1).executeTakeFirstOrThrow();
  const board = await timed(samples, get, () => `/api/v1/pipelines/${pipeline.id}/board?cardsPerStage=20`);
  result['board p50'] = ms(percentile(board, 50));
  result['board p99'] = ms(percentile(board, 99));

  const year = new Date().getFullYear();
  const forecast = await timed(
    Math.min(samples, 50),
    get,
    () => `/api/v1/opportunities/forecast?year=${year}&period=month&departmentId=${manager.departmentId}`,
  );
  result['forecast (department, year) p50'] = ms(percentile(forecast, 50));
  result['forecast (department, year) p99'] = ms(percentile(forecast, 99));
  return result;
}

/** Money as a sales manager (a region) and as the company: the aging report, one customer's aging, a 50-line quote PDF. */
export async function benchMoney(db: Kysely<DB>, asAdmin: Get, samples: number): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const companyAging = await timed(
    Math.min(samples, 50),
    asAdmin,
    () => '/api/v1/receivables/aging?groupBy=department',
  );
  result['aging, company by department p50'] = ms(percentile(companyAging, 50));
  result['aging, company by department p99'] = ms(percentile(companyAging, 99));
  const byCustomer = await timed(Math.min(samples, 20), asAdmin, () => '/api/v1/receivables/aging?groupBy=customer');
  result['aging, company by customer p50'] = ms(percentile(byCustomer, 50));
  const customers = await db.selectFrom('instalments').select('customerId').orderBy('id').limit(20_000).execute();
  const oneCustomer = await timed(
    samples,
    asAdmin,
    (i) => `/api/v1/receivables/aging?customerId=${customers[(i * 7919) % customers.length].customerId}`,
  );
  result['aging, one customer p50'] = ms(percentile(oneCustomer, 50));
  result['aging, one customer p99'] = ms(percentile(oneCustomer, 99));
  const lines = Array.from({ length: 50 }, (_, i) => ({
    id: i,
    position: i + 1,
    productId: null,
    productCode: `SKU-${i}`,
    name: `服务项目 ${i + 1}：现场调试与培训`,
    description: i % 4 ? null : '含差旅',
    unit: null,
    quantity: String(i + 1),
    unitPrice: '128.50',
    discountPercent: '0',
    taxRate: '6',
    net: '100.00',
    tax: '6.00',
    total: '106.00',
  }));
  const quote: PrintedDocument = {
    kind: 'quote',
    number: 'Q202611-0001',
    version: 1,
    date: new Date().toISOString(),
    title: '年度服务报价',
    customerName: '上海客户有限公司',
    contactName: null,
    currency: 'CNY',
    validUntil: '2026-12-24',
    discountPercent: '0',
    subtotal: '5000.00',
    discount: '0.00',
    tax: '300.00',
    total: '5300.00',
    terms: '付款方式：合同签订后 30 日内付清。',
    lines,
  };
  const settings = await getSettings(db);
  await renderDocumentPdf(quote, settings, 'zh-CN');
  const pdf = await timeEach(Math.min(samples, 50), async () => {
    await renderDocumentPdf(quote, settings, 'zh-CN');
  });
  result['quote PDF, 50 lines p50'] = ms(percentile(pdf, 50));
  result['quote PDF, 50 lines p99'] = ms(percentile(pdf, 99));
  return result;
}
