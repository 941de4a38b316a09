import { fromMinorUnits, type Locale, type Reconciliation } from '@relate/common';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { type Scope, scopeFor, whereInScope } from '../../platform/scope.ts';

type Measure = 'contractsSigned' | 'ordersDelivered' | 'receiptsConfirmed' | 'invoicesIssued';
type Sums = Map<number | null, number>;

async function sumBy<T extends keyof DB>(qb: SelectQueryBuilder<DB, T, object>, keyColumn: string, amountColumn: string): Promise<Sums> {
  const rows = await qb
    .select([sql<number | null>`${sql.ref(keyColumn)}`.as('key'), sql<number | string>`coalesce(sum(${sql.ref(amountColumn)}), 0)`.as('amount')])
    .groupBy(sql.ref(keyColumn))
    .execute();
  return new Map(rows.map((r) => [r.key === null ? null : Number(r.key), Number(r.amount)]));
}

/**
 * A month side by side, per rep or department: contracts signed and orders delivered (the sales side)
 * against payments confirmed and invoices issued (the finance side). Each figure is in the data
 * scope of its own module, in minor units of the default currency.
 */
export async function reconciliation(ctx: AppContext, actor: Actor, query: { month: string; groupBy: 'owner' | 'department' }): Promise<Reconciliation> {

  const from = `${query.month}-01`;
  const to = dayjs(from).add(1, 'month').format('YYYY-MM-DD');
  const column = (table: string) => `${table}.${query.groupBy === 'owner' ? 'owner_id' : 'department_id'}`;
  const scope = (module: 'contracts' | 'orders' | 'receipts'): Promise<Scope> => scopeFor(ctx.db, actor, module);
  const [contracts, orders, receipts, invoices] = await Promise.all([
    scope('contracts').then((s) =>
      sumBy(whereInScope(ctx.db.selectFrom('contracts'), 'contracts', s).where('contracts.deletedAt', 'is', null).where('contracts.status', 'in', ['in_force', 'expired', 'terminated']).where('contracts.signedOn', '>=', from).where('contracts.signedOn', '<', to), column('contracts'), 'contracts.amount'),
    ),
    scope('orders').then((s) =>
      sumBy(
        whereInScope(ctx.db.selectFrom('orders'), 'orders', s)
          .where('orders.deletedAt', 'is', null)
          .where('orders.status', 'in', ['delivered', 'completed'])
          .where((eb) => eb(eb.selectFrom('deliveries').select((d) => d.fn.max('deliveries.deliveredOn').as('last')).whereRef('deliveries.orderId', '=', 'orders.id'), '>=', from))
          .where((eb) => eb(eb.selectFrom('deliveries').select((d) => d.fn.max('deliveries.deliveredOn').as('last')).whereRef('deliveries.orderId', '=', 'orders.id'), '<', to)),
        column('orders'),
        'orders.total',
      ),
    ),
    scope('receipts').then((s) =>
      sumBy(whereInScope(ctx.db.selectFrom('receipts'), 'receipts', s).where('receipts.status', '=', 'confirmed').where('receipts.receivedOn', '>=', from).where('receipts.receivedOn', '<', to), column('receipts'), 'receipts.amount'),
    ),
    scope('orders').then((s) =>
      sumBy(whereInScope(ctx.db.selectFrom('invoices'), 'invoices', s).where('invoices.status', '=', 'issued').where('invoices.issuedOn', '>=', from).where('invoices.issuedOn', '<', to), column('invoices'), 'invoices.amount'),
    ),
  ]);
  const measures: Record<Measure, Sums> = { contractsSigned: contracts, ordersDelivered: orders, receiptsConfirmed: receipts, invoicesIssued: invoices };
  const keys = [...new Set(Object.values(measures).flatMap((m) => [...m.keys()]))];
  const ids = keys.filter((k): k is number => k !== null);
  const names = new Map(
    ids.length
      ? (query.groupBy === 'owner'
          ? await ctx.db.selectFrom('users').select(['id', 'displayName as name']).where('id', 'in', ids).execute()
          : await ctx.db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute()
        ).map((r) => [r.id, r.name])
      : [],
  );
  const figures = (pick: (m: Sums) => number) => Object.fromEntries((Object.keys(measures) as Measure[]).map((m) => [m, fromMinorUnits(pick(measures[m]))])) as Reconciliation['totals'];
  return {
    month: query.month,
    rows: keys.map((key) => ({ key, name: key === null ? '-' : (names.get(key) ?? String(key)), ...figures((m) => m.get(key) ?? 0) })).sort((a, b) => a.name.localeCompare(b.name)),
    totals: figures((m) => [...m.values()].reduce((s, v) => s + v, 0)),
  };
}

const headers: Record<Locale, string[]> = {
  'zh-CN': ['人员/部门', '签订合同', '已发货订单', '已确认回款', '已开发票'],
  en: ['Person / department', 'Contracts signed', 'Orders delivered', 'Payments confirmed', 'Invoices issued'],
};

export async function reconciliationWorkbook(data: Reconciliation, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(data.month);
  sheet.addRow(headers[locale]);
  sheet.getRow(1).font = { bold: true };
  for (const r of data.rows) sheet.addRow([r.name, Number(r.contractsSigned), Number(r.ordersDelivered), Number(r.receiptsConfirmed), Number(r.invoicesIssued)]);
  const total = sheet.addRow([locale === 'en' ? 'Total' : '合计', Number(data.totals.contractsSigned), Number(data.totals.ordersDelivered), Number(data.totals.receiptsConfirmed), Number(data.totals.invoicesIssued)]);
  total.font = { bold: true };
  for (let c = 2; c <= 5; c++) sheet.getColumn(c).numFmt = '#,##0.00';
  sheet.getColumn(1).width = 24;
  for (let c = 2; c <= 5; c++) sheet.getColumn(c).width = 18;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
