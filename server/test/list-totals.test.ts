import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk-insert.ts';
import { listCountCap } from '../src/platform/list-query.ts';
import { createTestApp, type TestApp } from './app.ts';
import { testDialects } from './databases.ts';
import { createCustomer } from './factories.ts';

/**
 * Every long list is counted up to the cap ("10 000+"), exactly on demand, and pages past the cap are
 * still there: more rows than the cap in each of the lists whose totals once counted every row.
 */
describe.each(testDialects)('list totals on %s', (dialect) => {
  let t: TestApp;
  const count = listCountCap + 37;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const customer = await createCustomer(t.admin, { name: '长列表客户' });
    const ticket = (
      await t.admin.post('/api/v1/tickets', { type: 'repair', customerId: customer.id, subject: '长列表' })
    ).json();
    const now = new Date().toISOString();
    const stamp = { createdAt: now, updatedAt: now, ownerId: t.admin.userId };
    const numbered = (prefix: string) =>
      Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);
    const common = { customerId: customer.id, currency: 'CNY', ...stamp };
    await t.database.db.transaction().execute(async (trx) => {
      await insertRows(
        trx,
        'quotes',
        numbered('QT').map((number) => ({
          ...common,
          number,
          version: 1,
          isLatest: 1,
          title: '报价',
          status: 'draft',
          discountBp: 0,
          subtotal: 0,
          discount: 0,
          tax: 0,
          total: 0,
        })),
      );
      await insertRows(
        trx,
        'receipts',
        numbered('RC').map((number) => ({
          ...common,
          number,
          receivedOn: '2026-12-01',
          amount: 100,
          method: 'bank',
          status: 'pending',
          overpayment: 0,
        })),
      );
      await insertRows(
        trx,
        'workOrders',
        numbered('WO').map((number) => ({
          ...stamp,
          number,
          ticketId: ticket.id,
          customerId: customer.id,
          appointmentStart: now,
          appointmentEnd: now,
          requiredSkills: '[]',
          status: 'scheduled',
        })),
      );
      await insertRows(
        trx,
        'contracts',
        numbered('HT').map((number) => ({
          ...common,
          number,
          name: '合同',
          amount: 100,
          startsOn: '2026-01-01',
          endsOn: '2027-01-01',
          renewalRemindDays: 30,
          status: 'active',
        })),
      );
      await insertRows(
        trx,
        'invoices',
        numbered('FP').map((number) => ({
          ...common,
          type: 'normal',
          number,
          issuedOn: '2026-12-01',
          amount: 100,
          tax: 0,
          buyerTitle: '长列表客户',
          status: 'issued',
        })),
      );
    });
  });
  afterAll(async () => t?.close());

  it.each(['/api/v1/quotes', '/api/v1/receipts', '/api/v1/work-orders', '/api/v1/contracts', '/api/v1/invoices'])(
    '%s counts up to the cap, exactly on demand, and has the rows past it',
    async (path) => {
      expect((await t.admin.get(path, { pageSize: 20 })).json()).toMatchObject({
        total: listCountCap,
        totalCapped: true,
      });
      expect((await t.admin.get(path, { pageSize: 20, count: 'exact' })).json().total).toBe(count);
      const last = (await t.admin.get(path, { pageSize: 50, page: Math.ceil(count / 50) })).json();
      expect(last.items).toHaveLength(count % 50);
    },
  );
});
