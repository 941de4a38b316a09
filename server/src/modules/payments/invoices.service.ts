import {
  amountInChineseCapitals,
  fromMinorUnits,
  type Invoice,
  type InvoiceDetail,
  type InvoiceInput,
  type InvoiceRedLetterInput,
  type Page,
  redLetterLineFigures,
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
import * as linesRepo from './invoice-lines.repository.ts';
import { leftOf, type NewLine, resolveLines, singleLine, toInvoiceLine } from './invoice-lines.ts';
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
    redReason: r.redReason,
    requestId: r.requestId,
    createdAt: r.createdAt,
  };
}

/** Invoices follow the data scope of the orders: who may see an order sees its invoices. */
export async function getInvoice(ctx: AppContext, actor: Actor, id: number): Promise<Invoice> {
  return toInvoice(orNotFound(await repo.findInvoice(ctx.db, await receivableScope(ctx, actor), id)));
}

/** One invoice with its lines, what red-letter invoices may still credit of it, and its amount in capitals. */
export async function getInvoiceDetail(ctx: AppContext, actor: Actor, id: number): Promise<InvoiceDetail> {
  const invoice = await getInvoice(ctx, actor, id);
  const lines = await linesRepo.listLines(ctx.db, { invoiceId: id });
  const offset = invoice.redOfId === null ? await repo.redLettersOf(ctx.db, id) : null;
  const creditable =
    offset && invoice.status === 'issued' ? Math.max(0, toMinorUnits(invoice.amount) - offset.amount) : 0;
  return {
    ...invoice,
    lines: lines.map(toInvoiceLine),
    creditable: fromMinorUnits(creditable),
    amountInWords: amountInChineseCapitals(toMinorUnits(invoice.amount)),
  };
}

export async function listInvoices(
  ctx: AppContext,
  actor: Actor,
  query: {
    customerId?: number;
    orderId?: number;
    status?: string;
    redOfId?: number;
    page: number;
    pageSize: number;
  },
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
  const worked = input.lines
    ? await resolveLines(ctx, input.lines)
    : (() => {
        const amount = toMinorUnits(input.amount!);
        const tax = toMinorUnits(input.tax!);
        return { amount, tax, lines: [singleLine(input.buyerTitle, amount, tax)] };
      })();
  const { amount } = worked;
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
      tax: worked.tax,
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
    await linesRepo.insertLines(
      ctx.db,
      worked.lines.map((l) => ({ ...l, invoiceId, requestId: null })),
    );
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'invoices',
      entityId: invoiceId,
      detail: {
        type: input.type,
        number: input.number,
        amount: fromMinorUnits(amount),
        orderId: input.orderId ?? null,
      },
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
 * Issues a red-letter invoice (红字发票) reversing all or part of an issued invoice — a return or an
 * allowance: the same type, buyer, customer and order, with negative lines, each crediting a line of the
 * original (common/invoice-math.ts works out its tax). Together the red-letter invoices of a line may not
 * credit more than it; the original's row is held meanwhile, so two credits are worked out in turn.
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
  const redId = await inTransaction(ctx, async (ctx) => {
    const now = nowIso();
    await linesRepo.lockInvoice(ctx.db, id, now);
    const lines = await linesRepo.listLines(ctx.db, { invoiceId: id });
    const credits = redLetterLines(lines, input);
    const amount = credits.reduce((sum, l) => sum + Number(l.total), 0);
    const tax = credits.reduce((sum, l) => sum + Number(l.tax), 0);
    const offset = await repo.redLettersOf(ctx.db, id);
    const left = toMinorUnits(original.amount) - offset.amount;
    if (amount > left) throw fieldError('amount', 'redLetterExceedsInvoice', { left: fromMinorUnits(left) });
    const taxLeft = toMinorUnits(original.tax) - offset.tax;
    if (tax > taxLeft) throw fieldError('tax', 'redLetterExceedsInvoice', { left: fromMinorUnits(taxLeft) });
    if (await repo.findInvoiceByNumber(ctx.db, original.type, input.number)) throw fieldError('number', 'codeTaken');
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
      redReason: input.reason,
      ownerId: row.ownerId,
      departmentId: row.departmentId,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await linesRepo.insertLines(
      ctx.db,
      credits.map((l, i) => ({
        ...l,
        position: i + 1,
        net: -Number(l.net),
        tax: -Number(l.tax),
        total: -Number(l.total),
        invoiceId: redId,
        requestId: null,
      })),
    );
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'invoices',
      entityId: redId,
      detail: { redOf: original.number, number: input.number, amount: fromMinorUnits(-amount), reason: input.reason },
    });
    return redId;
  });
  return getInvoice(ctx, actor, redId);
}

/** The lines a red-letter invoice credits (positive figures), each within what is left of its line. */
function redLetterLines(lines: linesRepo.LineRow[], input: z.output<typeof InvoiceRedLetterInput>): NewLine[] {
  const credit = (line: linesRepo.LineRow, amount: number): NewLine => {
    const figures = redLetterLineFigures(amount, leftOf(line), line.taxRateBp);
    return {
      position: line.position,
      productId: line.productId,
      name: line.name,
      specification: line.specification,
      unit: line.unit,
      quantity: null,
      taxRateBp: line.taxRateBp,
      taxCode: line.taxCode,
      ...figures,
      redOfLineId: line.id,
    };
  };
  const everything = () => {
    const open = lines.filter((l) => leftOf(l).total > 0);
    if (!open.length) throw fieldError('amount', 'redLetterExceedsInvoice', { left: '0.00' });
    return open.map((l) => credit(l, leftOf(l).total));
  };
  if (input.all) return everything();
  if (input.lines) {
    const seen = new Set<number>();
    return input.lines.map((asked, i) => {
      const line = lines.find((l) => l.id === asked.lineId);
      if (!line || seen.has(line.id)) throw fieldError(`lines.${i}.lineId`, 'notFoundOrHidden');
      seen.add(line.id);
      const amount = toMinorUnits(asked.amount);
      const left = leftOf(line).total;
      if (amount > left)
        throw fieldError(`lines.${i}.amount`, 'redLetterExceedsInvoice', { left: fromMinorUnits(left) });
      return credit(line, amount);
    });
  }
  // The older form: an amount and tax. All that is left reverses every line; a part needs an invoice of one line.
  const amount = toMinorUnits(input.amount!);
  const open = lines.reduce((sum, l) => sum + leftOf(l).total, 0);
  if (amount === open && input.tax === undefined) return everything();
  if (lines.length !== 1) throw fieldError('lines', 'required');
  const [line] = lines;
  const left = leftOf(line);
  if (amount > left.total) throw fieldError('amount', 'redLetterExceedsInvoice', { left: fromMinorUnits(left.total) });
  if (input.tax === undefined) return [credit(line, amount)];
  const tax = toMinorUnits(input.tax);
  if (tax > left.tax) throw fieldError('tax', 'redLetterExceedsInvoice', { left: fromMinorUnits(left.tax) });
  if (amount - tax > left.net)
    throw fieldError('amount', 'redLetterExceedsInvoice', { left: fromMinorUnits(left.total) });
  return [{ ...credit(line, amount), net: amount - tax, tax, total: amount }];
}

/** Issued invoices for a customer or an order, within the caller's scope, summed per currency (minor units). */
export async function invoicedByCurrency(
  ctx: AppContext,
  actor: Actor,
  filter: { customerId?: number; orderId?: number },
): Promise<Map<string, number>> {
  return repo.issuedByCurrency(ctx.db, await receivableScope(ctx, actor), filter);
}
