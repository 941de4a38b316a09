import { fromMinorUnits, type Invoice, type InvoiceInput, type Page, toMinorUnits } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { whereInScope } from '../../platform/scope.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import { receivableScope } from './payment-plans.service.ts';

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customerId')
    .leftJoin('orders', 'orders.id', 'invoices.orderId')
    .selectAll('invoices')
    .select(['customers.name as customerName', 'orders.number as orderNumber']);
type Row = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

function toInvoice(r: Row): Invoice {
  return {
    id: r.id,
    type: r.type as Invoice['type'],
    number: r.number,
    issuedOn: r.issuedOn,
    customerId: r.customerId,
    customerName: r.customerName,
    orderId: r.orderId,
    orderNumber: r.orderNumber,
    amount: fromMinorUnits(Number(r.amount)),
    tax: fromMinorUnits(Number(r.tax)),
    currency: r.currency,
    buyerTitle: r.buyerTitle,
    buyerTaxId: r.buyerTaxId,
    buyerAddressPhone: r.buyerAddressPhone,
    buyerBankAccount: r.buyerBankAccount,
    status: r.status as Invoice['status'],
    cancelReason: r.cancelReason,
    notes: r.notes,
    createdAt: r.createdAt,
  };
}

/** Invoices follow the data scope of the orders: who may see an order sees its invoices. */
export async function getInvoice(ctx: AppContext, actor: Actor, id: number): Promise<Invoice> {
  return toInvoice(
    orNotFound(
      await whereInScope(columns(ctx.db), 'invoices', await receivableScope(ctx, actor))
        .where('invoices.id', '=', id)
        .executeTakeFirst(),
    ),
  );
}

export async function listInvoices(
  ctx: AppContext,
  actor: Actor,
  query: { customerId?: number; orderId?: number; status?: string; page: number; pageSize: number },
): Promise<Page<Invoice>> {
  let qb = whereInScope(ctx.db.selectFrom('invoices'), 'invoices', await receivableScope(ctx, actor));
  if (query.customerId) qb = qb.where('invoices.customerId', '=', query.customerId);
  if (query.orderId) qb = qb.where('invoices.orderId', '=', query.orderId);
  if (query.status) qb = qb.where('invoices.status', '=', query.status);
  const { total } = await qb.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = (
    await qb
      .select('invoices.id')
      .orderBy('invoices.issuedOn', 'desc')
      .orderBy('invoices.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute()
  ).map((r) => r.id);
  const rows = ids.length
    ? await columns(ctx.db)
        .where('invoices.id', 'in', ids)
        .orderBy('invoices.issuedOn', 'desc')
        .orderBy('invoices.id', 'desc')
        .execute()
    : [];
  return { items: rows.map(toInvoice), total: Number(total), page: query.page, pageSize: query.pageSize };
}

/** Records an invoice issued to a customer; an order's invoices may not together exceed its total. */
export async function createInvoice(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof InvoiceInput>,
): Promise<Invoice> {
  const customer = await findVisibleCustomer(ctx, actor, input.customerId);
  if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
  const amount = toMinorUnits(input.amount);
  const settings = await getSettings(ctx.db);
  let owner = { ownerId: customer.ownerId, departmentId: customer.departmentId, currency: settings.defaultCurrency };
  const id = await inTransaction(ctx, async (ctx) => {
    if (input.orderId) {
      const order = await whereInScope(ctx.db.selectFrom('orders'), 'orders', await receivableScope(ctx, actor))
        .selectAll('orders')
        .where('orders.id', '=', input.orderId)
        .where('orders.deletedAt', 'is', null)
        .executeTakeFirst();
      if (!order || order.customerId !== input.customerId) throw fieldError('orderId', 'notFoundOrHidden');
      const invoiced = await ctx.db
        .selectFrom('invoices')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('sum'))
        .where('orderId', '=', order.id)
        .where('status', '=', 'issued')
        .executeTakeFirstOrThrow();
      if (Number(invoiced.sum) + amount > Number(order.total))
        throw fieldError('amount', 'invoiceExceedsOrder', {
          left: fromMinorUnits(Number(order.total) - Number(invoiced.sum)),
        });
      owner = { ownerId: order.ownerId, departmentId: order.departmentId, currency: order.currency };
    }
    const taken = await ctx.db
      .selectFrom('invoices')
      .select('id')
      .where('type', '=', input.type)
      .where('number', '=', input.number)
      .executeTakeFirst();
    if (taken) throw fieldError('number', 'codeTaken');
    const now = nowIso();
    const row = await ctx.db
      .insertInto('invoices')
      .values({
        type: input.type,
        number: input.number,
        issuedOn: input.issuedOn,
        customerId: input.customerId,
        orderId: input.orderId ?? null,
        amount,
        tax: toMinorUnits(input.tax),
        currency: owner.currency,
        buyerTitle: input.buyerTitle,
        buyerTaxId: input.buyerTaxId ?? null,
        buyerAddressPhone: input.buyerAddressPhone ?? null,
        buyerBankAccount: input.buyerBankAccount ?? null,
        status: 'issued',
        cancelReason: null,
        notes: input.notes ?? null,
        ownerId: owner.ownerId,
        departmentId: owner.departmentId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'invoices',
      entityId: row.id,
      detail: { type: input.type, number: input.number, amount: input.amount, orderId: input.orderId ?? null },
    });
    return row.id;
  });
  return getInvoice(ctx, actor, id);
}

/** Cancels (voids) an invoice with a reason; it no longer counts as invoiced. */
export async function cancelInvoice(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<Invoice> {
  const invoice = await getInvoice(ctx, actor, id);
  if (!can(actor, 'invoices.cancel')) throw forbidden();
  if (invoice.status !== 'issued') throw new AppError('CONFLICT', 'invoiceCancelled');
  await inTransaction(ctx, async (ctx) => {
    await ctx.db
      .updateTable('invoices')
      .set({ status: 'cancelled', cancelReason: reason, updatedAt: nowIso() })
      .where('id', '=', id)
      .execute();
    await writeAudit(ctx.db, actor, { action: 'cancel', entity: 'invoices', entityId: id, detail: { reason } });
  });
  return getInvoice(ctx, actor, id);
}

/** Issued invoices for a customer or an order, within the caller's scope, summed per currency (minor units). */
export async function invoicedByCurrency(
  ctx: AppContext,
  actor: Actor,
  filter: { customerId?: number; orderId?: number },
): Promise<Map<string, number>> {
  let qb = whereInScope(ctx.db.selectFrom('invoices'), 'invoices', await receivableScope(ctx, actor)).where(
    'invoices.status',
    '=',
    'issued',
  );
  if (filter.customerId) qb = qb.where('invoices.customerId', '=', filter.customerId);
  if (filter.orderId) qb = qb.where('invoices.orderId', '=', filter.orderId);
  const rows = await qb
    .select(['invoices.currency', (eb) => eb.fn.coalesce(eb.fn.sum<number>('invoices.amount'), eb.val(0)).as('sum')])
    .groupBy('invoices.currency')
    .execute();
  return new Map(rows.map((r) => [r.currency, Number(r.sum)]));
}
