import {
  fromMinorUnits,
  type Page,
  type PageQuery,
  type PortalInvoice,
  type PortalOrder,
  type PortalOrderDetail,
  type PortalStatement,
} from '@relate/common';
import { todayIn } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { orNotFound } from '../../platform/errors.ts';
import { pageWindow } from '../../platform/list-query.ts';
import type { PortalActor } from '../../platform/portal-actor.ts';
import { quantityText } from '../../platform/quantity.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './portal-records.repository.ts';

/** Drafts and orders still waiting for approval are the company's own business, not yet the customer's. */
const hiddenOrderStatuses = ['draft', 'pending_approval'];
const money = (v: number | string) => fromMinorUnits(Number(v));

const companyOrders = (actor: PortalActor): repo.CustomerOrders => ({
  customerId: actor.customerId,
  hiddenStatuses: hiddenOrderStatuses,
});

const toOrder = (row: repo.CustomerOrderRow): PortalOrder => ({ ...row, total: money(row.total) });

export async function listPortalOrders(
  ctx: AppContext,
  actor: PortalActor,
  query: PageQuery,
): Promise<Page<PortalOrder>> {
  const total = await repo.countCustomerOrders(ctx.db, companyOrders(actor));
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const rows = await repo.listCustomerOrders(ctx.db, companyOrders(actor), limit, offset);
  return { items: rows.map(toOrder), total, page: query.page, pageSize: query.pageSize };
}

/** One of the company's orders with what was ordered, what has arrived and the deliveries that brought it. */
export async function getPortalOrder(ctx: AppContext, actor: PortalActor, id: number): Promise<PortalOrderDetail> {
  const order = orNotFound(await repo.findCustomerOrder(ctx.db, companyOrders(actor), id));
  const [lines, deliveries] = await Promise.all([
    repo.listOrderLines(ctx.db, id),
    repo.listOrderDeliveries(ctx.db, id),
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

export async function getPortalInvoice(ctx: AppContext, actor: PortalActor, id: number): Promise<PortalInvoice> {
  const row = orNotFound(await repo.findCustomerInvoice(ctx.db, actor.customerId, id));
  return { ...row, amount: money(row.amount), tax: money(row.tax) };
}

export async function listPortalInvoices(
  ctx: AppContext,
  actor: PortalActor,
  query: PageQuery,
): Promise<Page<PortalInvoice>> {
  const total = await repo.countCustomerInvoices(ctx.db, actor.customerId);
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const rows = await repo.listCustomerInvoices(ctx.db, actor.customerId, limit, offset);
  return {
    items: rows.map((r) => ({ ...r, amount: money(r.amount), tax: money(r.tax) })),
    total,
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
  const { limit, offset } = pageWindow(query.page, query.pageSize);
  const [totals, rows] = await Promise.all([
    repo.openInstalmentTotals(ctx.db, actor.customerId, today),
    repo.listOpenInstalments(ctx.db, actor.customerId, limit, offset),
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
