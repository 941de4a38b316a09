import {
  amountInChineseCapitals,
  fromMinorUnits,
  type Locale,
  type Reconciliation,
  toMinorUnits,
} from '@relate/common';
import dayjs from 'dayjs';
import { newWorkbook } from '../../platform/workbook.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { headlineCurrency } from '../payments/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './reconciliation.repository.ts';

type Measure = 'contractsSigned' | 'ordersDelivered' | 'receiptsConfirmed' | 'invoicesIssued';
const measureNames: Measure[] = ['contractsSigned', 'ordersDelivered', 'receiptsConfirmed', 'invoicesIssued'];
/** Minor units per `key currency` (key '' for no owner or department). */
type Sums = Map<string, number>;
const slot = (key: number | null, currency: string) => `${key ?? ''} ${currency}`;

function toSums({ rows, totals }: repo.AmountSums): { rows: Sums; totals: Sums } {
  return {
    rows: new Map(rows.map((r) => [slot(r.key === null ? null : Number(r.key), r.currency), Number(r.amount)])),
    totals: new Map(totals.map((r) => [r.currency, Number(r.amount)])),
  };
}

/**
 * A month side by side, per rep or department and currency: contracts signed and orders delivered
 * (the sales side) against payments confirmed and invoices issued (the finance side). Each figure is
 * in the data scope of its own module and never adds amounts of different currencies together.
 */
export async function reconciliation(
  ctx: AppContext,
  actor: Actor,
  query: { month: string; groupBy: 'owner' | 'department' },
): Promise<Reconciliation> {
  const from = `${query.month}-01`;
  const to = dayjs(from).add(1, 'month').format('YYYY-MM-DD');
  const period = { from, to };
  const scope = (module: 'contracts' | 'orders' | 'receipts'): Promise<Scope> => scopeFor(ctx.db, actor, module);
  const [contracts, orders, receipts, invoices] = await Promise.all([
    scope('contracts').then((s) => repo.sumContractsSigned(ctx.db, s, period, query.groupBy).then(toSums)),
    scope('orders').then((s) => repo.sumOrdersDelivered(ctx.db, s, period, query.groupBy).then(toSums)),
    scope('receipts').then((s) => repo.sumReceiptsConfirmed(ctx.db, s, period, query.groupBy).then(toSums)),
    scope('orders').then((s) => repo.sumInvoicesIssued(ctx.db, s, period, query.groupBy).then(toSums)),
  ]);
  const measures: Record<Measure, { rows: Sums; totals: Sums }> = {
    contractsSigned: contracts,
    ordersDelivered: orders,
    receiptsConfirmed: receipts,
    invoicesIssued: invoices,
  };
  const slots = [...new Set(measureNames.flatMap((m) => [...measures[m].rows.keys()]))].map((s) => {
    const [key, currency] = s.split(' ');
    return { slot: s, key: key === '' ? null : Number(key), currency };
  });
  const ids = [...new Set(slots.map((s) => s.key).filter((k): k is number => k !== null))];
  const names = new Map(
    ids.length
      ? (query.groupBy === 'owner'
          ? await repo.listUserNames(ctx.db, ids)
          : await repo.listDepartmentNames(ctx.db, ids)
        ).map((r) => [r.id, r.name])
      : [],
  );
  const figures = (currency: string, pick: (m: Measure) => number | undefined) =>
    ({
      currency,
      ...Object.fromEntries(measureNames.map((m) => [m, fromMinorUnits(pick(m) ?? 0)])),
    }) as Reconciliation['totals'];
  const currencies = [...new Set(measureNames.flatMap((m) => [...measures[m].totals.keys()]))].sort();
  const totalsByCurrency = currencies.map((c) => figures(c, (m) => measures[m].totals.get(c)));
  const headline = headlineCurrency(currencies, (await getSettings(ctx.db)).defaultCurrency);
  return {
    month: query.month,
    rows: slots
      .map((s) => ({
        key: s.key,
        name: s.key === null ? '-' : (names.get(s.key) ?? String(s.key)),
        ...figures(s.currency, (m) => measures[m].rows.get(s.slot)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency)),
    totals: totalsByCurrency.find((t) => t.currency === headline) ?? figures(headline, () => 0),
    totalsByCurrency,
  };
}

const headers: Record<Locale, string[]> = {
  'zh-CN': ['人员/部门', '币种', '签订合同', '已发货订单', '已确认回款', '已开发票'],
  en: [
    'Person / department',
    'Currency',
    'Contracts signed',
    'Orders delivered',
    'Payments confirmed',
    'Invoices issued',
  ],
};

export async function reconciliationWorkbook(data: Reconciliation, locale: Locale): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(data.month);
  sheet.addRow(headers[locale]);
  sheet.getRow(1).font = { bold: true };
  const values = (r: Reconciliation['totals']) => [
    r.currency,
    Number(r.contractsSigned),
    Number(r.ordersDelivered),
    Number(r.receiptsConfirmed),
    Number(r.invoicesIssued),
  ];
  for (const r of data.rows) sheet.addRow([r.name, ...values(r)]);
  for (const totals of data.totalsByCurrency) {
    sheet.addRow([locale === 'en' ? 'Total' : '合计', ...values(totals)]).font = { bold: true };
    // Finance's papers give a yuan total in capitals (大写) beneath it.
    if (totals.currency === 'CNY')
      sheet.addRow([
        locale === 'en' ? 'Total in capitals' : '合计（大写）',
        totals.currency,
        ...[totals.contractsSigned, totals.ordersDelivered, totals.receiptsConfirmed, totals.invoicesIssued].map((v) =>
          amountInChineseCapitals(toMinorUnits(v)),
        ),
      ]);
  }
  for (let c = 3; c <= 6; c++) sheet.getColumn(c).numFmt = '#,##0.00';
  sheet.getColumn(1).width = 24;
  for (let c = 3; c <= 6; c++) sheet.getColumn(c).width = 18;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
