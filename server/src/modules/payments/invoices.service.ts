import {
  fromMinorUnits,
  type Invoice,
  type InvoiceInput,
  type InvoiceRedLetterInput,
  type Page,
  toMinorUnits,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './invoices.repository.ts';
import { findOrderInScope } from './orders.repository.ts';
import { receivableScope } from './payment-plans.service.ts';

function toInvoice(r: repo.InvoiceRow): Invoice {
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
    redOfId: r.redOfId,
    redOfNumber: r.redOfNumber,
    createdAt: r.createdAt,
  };
}

/** Invoices follow the data scope of the orders: who may see an order sees its invoices. */
export async function getInvoice(ctx: AppContext, actor: Actor, id: number): Promise<Invoice> {
  return toInvoice(orNotFound(await repo.findInvoice(ctx.db, await receivableScope(ctx, actor), id)));
}

export async function listInvoices(
  ctx: AppContext,
  actor: Actor,
  query: { customerId?: number; orderId?: number; status?: string; page: number; pageSize: number },
): Promise<Page<Invoice>> {
  const { items, ...total } = await repo.listInvoices(ctx.db, ctx.dialect, await receivableScope(ctx, actor), query, {
    ...query,
    afterKey: cursorKey('invoices', query),
  });
  return pageResponse('invoices', query, items.map(toInvoice), total);
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
      const order = await findOrderInScope(ctx.db, await receivableScope(ctx, actor), input.orderId);
      if (!order || order.customerId !== input.customerId) throw fieldError('orderId', 'notFoundOrHidden');
      const invoiced = await repo.issuedAmountOfOrder(ctx.db, order.id);
      if (invoiced + amount > Number(order.total))
        throw fieldError('amount', 'invoiceExceedsOrder', { left: fromMinorUnits(Number(order.total) - invoiced) });
      owner = { ownerId: order.ownerId, departmentId: order.departmentId, currency: order.currency };
    }
    const taken = await repo.findInvoiceByNumber(ctx.db, input.type, input.number);
    if (taken) throw fieldError('number', 'codeTaken');
    const now = nowIso();
    const invoiceId = await repo.insertInvoice(ctx.db, {
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
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'invoices',
      entityId: invoiceId,
      detail: { type: input.type, number: input.number, amount: input.amount, orderId: input.orderId ?? null },
    });
    return invoiceId;
  });
  return getInvoice(ctx, actor, id);
}

/**
 * Cancels (voids) an invoice with a reason; it no longer counts as invoiced. A red-letter invoice, and an
 * invoice a red-letter one offsets, stay: the red-letter invoice is itself the correction.
 */
export async function cancelInvoice(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<Invoice> {
  const invoice = await getInvoice(ctx, actor, id);
  if (!can(actor, 'invoices.cancel')) throw forbidden();
  if (invoice.status !== 'issued') throw new AppError('CONFLICT', 'invoiceCancelled');
  if (invoice.redOfId !== null || (await repo.redLettersOf(ctx.db, id)).count > 0)
    throw new AppError('CONFLICT', 'invoiceRedLettered');
  await inTransaction(ctx, async (ctx) => {
    await repo.updateInvoice(ctx.db, id, { status: 'cancelled', cancelReason: reason, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, { action: 'cancel', entity: 'invoices', entityId: id, detail: { reason } });
  });
  return getInvoice(ctx, actor, id);
}

/**
 * Issues a red-letter invoice (红字发票) offsetting part or all of an issued invoice — a return or an
 * allowance: the same type, buyer, customer and order, with negative amount and tax. Together the
 * red-letter invoices of an invoice may not offset more than it.
 */
export async function issueRedLetter(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof InvoiceRedLetterInput>,
): Promise<Invoice> {
  const row = orNotFound(await repo.findInvoice(ctx.db, await receivableScope(ctx, actor), id));
  const original = toInvoice(row);
  if (original.status !== 'issued') throw new AppError('CONFLICT', 'invoiceCancelled');
  if (original.redOfId !== null) throw new AppError('CONFLICT', 'redLetterOfRedLetter');
  const amount = toMinorUnits(input.amount);
  const tax = toMinorUnits(input.tax);
  const redId = await inTransaction(ctx, async (ctx) => {
    const offset = await repo.redLettersOf(ctx.db, id);
    const left = toMinorUnits(original.amount) - offset.amount;
    if (amount > left) throw fieldError('amount', 'redLetterExceedsInvoice', { left: fromMinorUnits(left) });
    const taxLeft = toMinorUnits(original.tax) - offset.tax;
    if (tax > taxLeft) throw fieldError('tax', 'redLetterExceedsInvoice', { left: fromMinorUnits(taxLeft) });
    if (await repo.findInvoiceByNumber(ctx.db, original.type, input.number)) throw fieldError('number', 'codeTaken');
    const now = nowIso();
    const redId = await repo.insertInvoice(ctx.db, {
      type: original.type,
      number: input.number,
      issuedOn: input.issuedOn,
      customerId: original.customerId,
      orderId: original.orderId,
      amount: -amount,
      tax: -tax,
      currency: original.currency,
      buyerTitle: original.buyerTitle,
      buyerTaxId: original.buyerTaxId,
      buyerAddressPhone: original.buyerAddressPhone,
      buyerBankAccount: original.buyerBankAccount,
      status: 'issued',
      cancelReason: null,
      notes: input.reason,
      redOfId: id,
      ownerId: row.ownerId,
      departmentId: row.departmentId,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'invoices',
      entityId: redId,
      detail: { redOf: original.number, number: input.number, amount: `-${input.amount}`, reason: input.reason },
    });
    return redId;
  });
  return getInvoice(ctx, actor, redId);
}

/** Issued invoices for a customer or an order, within the caller's scope, summed per currency (minor units). */
export async function invoicedByCurrency(
  ctx: AppContext,
  actor: Actor,
  filter: { customerId?: number; orderId?: number },
): Promise<Map<string, number>> {
  return repo.issuedByCurrency(ctx.db, await receivableScope(ctx, actor), filter);
}
