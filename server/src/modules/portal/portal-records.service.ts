import {
  fromMinorUnits,
  type Page,
  type PageQuery,
  type PortalInvoice,
  type PortalOrder,
  type PortalOrderDetail,
  type PortalStatement,
} from '@relate/common';
import { sql } from 'kysely';
import { todayIn } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { pageWindow } from '../../platform/list-query.ts';
import type { PortalActor } from '../../platform/portal-actor.ts';
import { quantityText } from '../../platform/quantity.ts';
import { getSettings } from '../settings/index.ts';

/** Drafts and orders still waiting for approval are the company's own business, not yet the customer's. */
const hiddenOrderStatuses = ['draft', 'pending_approval'];
const money = (v: number | string) => fromMinorUnits(Number(v));

function companyOrders(ctx: AppContext, actor: PortalActor) {
  return ctx.db
    .selectFrom('orders')
    .select(['id', 'number', 'title', 'status', 'currency', 'total', 'createdAt', 'approvedAt'])
    .where('customerId', '=', actor.customerId)
    .where('deletedAt', 'is', null)
    .where('status', 'not in', hiddenOrderStatuses);
}

const toOrder = (row: {
  id: number;
  number: string;
  title: string;
  status: string;
  currency: string;
  total: number | string;
  createdAt: string;
  approvedAt: string | null;
}): PortalOrder => ({ ...row, total: money(row.total) });

export async function listPortalOrders(
  ctx: AppContext,
  actor: PortalActor,
  query: PageQuery,
): Promise<Page<PortalOrder>> {
  const qb = companyOrders(ctx, actor);
  const { total } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const rows = await qb.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return { items: rows.map(toOrder), total: Number(total), page: query.page, pageSize: query.pageSize };
}

/** One of the company's orders with what was ordered, what has arrived and the deliveries that brought it. */
export async function getPortalOrder(ctx: AppContext, actor: PortalActor, id: number): Promise<PortalOrderDetail> {
  const order = orNotFound(await companyOrders(ctx, actor).where('id', '=', id).executeTakeFirst());
  const [lines, deliveries] = await Promise.all([
    ctx.db
      .selectFrom('orderLines')
      .select(['name', 'unit', 'quantity', 'unitPrice', 'total', 'deliveredMilli'])
      .where('orderId', '=', id)
      .orderBy('position')
      .execute(),
    ctx.db
      .selectFrom('deliveries')
      .select(['number', 'deliveredOn', 'carrier', 'trackingNumber', 'recipient'])
      .where('orderId', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...toOrder(order),
    lines: lines.map((l) => ({
      name: l.name,
      unit: l.unit,
      quantity: l.quantity,
      delivered: quantityText(Number(l.deliveredMilli)),
      unitPrice: l.unitPrice,
      total: money(l.total),
    })),
    deliveries,
  };
}

const companyInvoices = (ctx: AppContext, actor: PortalActor) =>
  ctx.db
    .selectFrom('invoices')
    .leftJoin('orders', 'orders.id', 'invoices.orderId')
    .where('invoices.customerId', '=', actor.customerId);
const invoiceColumns = [
  'invoices.id',
  'invoices.number',
  'invoices.type',
  'invoices.issuedOn',
  'orders.number as orderNumber',
  'invoices.currency',
  'invoices.amount',
  'invoices.tax',
  'invoices.status',
] as const;

export async function getPortalInvoice(ctx: AppContext, actor: PortalActor, id: number): Promise<PortalInvoice> {
  const row = orNotFound(
    await companyInvoices(ctx, actor).select(invoiceColumns).where('invoices.id', '=', id).executeTakeFirst(),
  );
  return { ...row, amount: money(row.amount), tax: money(row.tax) };
}

export async function listPortalInvoices(
  ctx: AppContext,
  actor: PortalActor,
  query: PageQuery,
): Promise<Page<PortalInvoice>> {
  const qb = companyInvoices(ctx, actor);
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const rows = await qb
    .select(invoiceColumns)
    .orderBy('invoices.issuedOn', 'desc')
    .orderBy('invoices.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    items: rows.map((r) => ({ ...r, amount: money(r.amount), tax: money(r.tax) })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * What the company still owes, by currency and summed by the database over every open instalment,
 * and one page of those instalments, the earliest due first.
 */
export async function portalStatement(
  ctx: AppContext,
  actor: PortalActor,
  query: Pick<PageQuery, 'page' | 'pageSize'>,
): Promise<PortalStatement> {
  const today = todayIn((await getSettings(ctx.db)).timezone);
  const open = ctx.db
    .selectFrom('instalments')
    .innerJoin('orders', 'orders.id', 'instalments.orderId')
    .where('instalments.customerId', '=', actor.customerId)
    .where('orders.deletedAt', 'is', null)
    .whereRef('instalments.received', '<', 'instalments.amount');
  const outstanding = sql<number>`${sql.ref('instalments.amount')} - ${sql.ref('instalments.received')}`;
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const [totals, rows] = await Promise.all([
    open
      .select([
        'instalments.currency',
        sql<number>`count(*)`.as('count'),
        sql<number>`coalesce(sum(${outstanding}), 0)`.as('outstanding'),
        sql<number>`coalesce(sum(case when ${sql.ref('instalments.dueDate')} < ${today} then ${outstanding} else 0 end), 0)`.as(
          'overdue',
        ),
      ])
      .groupBy('instalments.currency')
      .orderBy('instalments.currency')
      .execute(),
    open
      .select([
        'orders.number as orderNumber',
        'instalments.seq',
        'instalments.dueDate',
        'instalments.currency',
        'instalments.amount',
        'instalments.received',
      ])
      .orderBy('instalments.dueDate')
      .orderBy('instalments.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return {
    asOf: today,
    totals: totals.map((s) => ({ currency: s.currency, outstanding: money(s.outstanding), overdue: money(s.overdue) })),
    instalments: rows.map((r) => ({
      orderNumber: r.orderNumber,
      seq: r.seq,
      dueDate: r.dueDate,
      currency: r.currency,
      amount: money(r.amount),
      received: money(r.received),
      outstanding: money(Number(r.amount) - Number(r.received)),
      overdue: r.dueDate < today,
    })),
    total: totals.reduce((n, s) => n + Number(s.count), 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}
