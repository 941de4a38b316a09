import {
  amountInChineseCapitals,
  fromMinorUnits,
  type Invoice,
  type InvoiceRegisterInput,
  type InvoiceRequest,
  type InvoiceRequestDetail,
  type InvoiceRequestInput,
  type InvoiceRequestQuery,
  isSpecialInvoice,
  type Page,
} from '@relate/common';
import type { z } from 'zod';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import { submitOrApprove } from '../approvals/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import { findBillingProfile } from './billing-profiles.service.ts';
import * as linesRepo from './invoice-lines.repository.ts';
import { resolveLines, toInvoiceLine } from './invoice-lines.ts';
import * as repo from './invoice-requests.repository.ts';
import * as invoicesRepo from './invoices.repository.ts';
import { getInvoice } from './invoices.service.ts';
import { findOrderInScope } from './orders.repository.ts';
import { receivableScope } from './payment-plans.service.ts';

function toRequest(r: repo.InvoiceRequestRow): InvoiceRequest {
  return {
    id: r.id,
    type: r.type as InvoiceRequest['type'],
    status: r.status as InvoiceRequest['status'],
    customerId: r.customerId,
    customerName: r.customerName,
    orderId: r.orderId,
    orderNumber: r.orderNumber,
    billingProfileId: r.billingProfileId,
    buyerTitle: r.buyerTitle,
    buyerTaxId: r.buyerTaxId,
    buyerAddressPhone: r.buyerAddressPhone,
    buyerBankAccount: r.buyerBankAccount,
    amount: fromMinorUnits(Number(r.amount)),
    tax: fromMinorUnits(Number(r.tax)),
    currency: r.currency,
    amountInWords: amountInChineseCapitals(Number(r.amount)),
    notes: r.notes,
    invoiceId: r.invoiceId,
    invoiceNumber: r.invoiceNumber,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    createdAt: r.createdAt,
  };
}

/** Invoice requests follow the data scope of the orders, as invoices do. */
export async function getInvoiceRequest(ctx: AppContext, actor: Actor, id: number): Promise<InvoiceRequestDetail> {
  const row = orNotFound(await repo.findRequest(ctx.db, await receivableScope(ctx, actor), id));
  const lines = await linesRepo.listLines(ctx.db, { requestId: id });
  return { ...toRequest(row), lines: lines.map(toInvoiceLine) };
}

export async function listInvoiceRequests(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof InvoiceRequestQuery>,
): Promise<Page<InvoiceRequest>> {
  const { items, ...total } = await repo.listRequests(ctx.db, ctx.dialect, await receivableScope(ctx, actor), query, {
    ...query,
    afterKey: cursorKey('invoiceRequests', query),
  });
  return pageResponse('invoiceRequests', query, items.map(toRequest), total);
}

/** What is left to invoice of an order: its total less its issued invoices and its other open requests. */
async function leftOfOrder(ctx: AppContext, order: { id: number; total: number | string }, except?: number) {
  const issued = await invoicesRepo.issuedAmountOfOrder(ctx.db, order.id);
  const asked = await repo.openAmountOfOrder(ctx.db, order.id, except);
  return Number(order.total) - issued - asked;
}

/**
 * Sales ask finance for an invoice (开票申请), made out to one of the customer's billing profiles, and the
 * request goes to approval at once (the invoice request flow: finance). A special VAT invoice needs a
 * profile with the taxpayer number; an order's requests and invoices may not together exceed its total.
 */
export async function createInvoiceRequest(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof InvoiceRequestInput>,
): Promise<InvoiceRequestDetail> {
  const customer = await findVisibleCustomer(ctx, actor, input.customerId);
  if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
  const profile = await findBillingProfile(ctx, actor, input.billingProfileId);
  if (!profile || profile.customerId !== input.customerId) throw fieldError('billingProfileId', 'notFoundOrHidden');
  if (isSpecialInvoice(input.type) && !profile.taxId) throw fieldError('billingProfileId', 'billingProfileNoTaxId');
  const worked = await resolveLines(ctx, input.lines);
  const settings = await getSettings(ctx.db);
  const id = await inTransaction(ctx, async (ctx) => {
    let owner = { ownerId: customer.ownerId, departmentId: customer.departmentId, currency: settings.defaultCurrency };
    if (input.orderId) {
      const order = await findOrderInScope(ctx.db, await receivableScope(ctx, actor), input.orderId);
      if (!order || order.customerId !== input.customerId) throw fieldError('orderId', 'notFoundOrHidden');
      const left = await leftOfOrder(ctx, order);
      if (worked.amount > left)
        throw fieldError('lines', 'invoiceExceedsOrder', { left: fromMinorUnits(Math.max(0, left)) });
      owner = { ownerId: order.ownerId, departmentId: order.departmentId, currency: order.currency };
    }
    const now = nowIso();
    const id = await repo.insertRequest(ctx.db, {
      type: input.type,
      status: 'draft',
      customerId: input.customerId,
      orderId: input.orderId ?? null,
      billingProfileId: profile.id,
      buyerTitle: profile.title,
      buyerTaxId: profile.taxId,
      buyerAddressPhone: [profile.address, profile.phone].filter(Boolean).join(' ') || null,
      buyerBankAccount: [profile.bankName, profile.bankAccount].filter(Boolean).join(' ') || null,
      amount: worked.amount,
      tax: worked.tax,
      currency: owner.currency,
      notes: input.notes ?? null,
      invoiceId: null,
      ownerId: owner.ownerId,
      departmentId: owner.departmentId,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await linesRepo.insertLines(
      ctx.db,
      worked.lines.map((l) => ({ ...l, invoiceId: null, requestId: id })),
    );
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'invoiceRequests',
      entityId: id,
      detail: { type: input.type, amount: fromMinorUnits(worked.amount), buyerTitle: profile.title },
    });
    return id;
  });
  await submitOrApprove(ctx, actor, 'invoice_request', id);
  return getInvoiceRequest(ctx, actor, id);
}

/** Sends a draft or rejected request (again) for approval. */
export async function submitInvoiceRequest(ctx: AppContext, actor: Actor, id: number): Promise<InvoiceRequestDetail> {
  await getInvoiceRequest(ctx, actor, id);
  await submitOrApprove(ctx, actor, 'invoice_request', id);
  return getInvoiceRequest(ctx, actor, id);
}

/**
 * Finance registers the invoice issued for an approved request: its number and day; the invoice takes the
 * request's lines, buyer and order, and the request is closed as issued.
 */
export async function registerInvoice(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof InvoiceRegisterInput>,
): Promise<Invoice> {
  const request = await getInvoiceRequest(ctx, actor, id);
  if (request.status !== 'approved') throw new AppError('CONFLICT', 'invoiceRequestNotApproved');
  const invoiceId = await inTransaction(ctx, async (ctx) => {
    const row = orNotFound(await repo.findRequest(ctx.db, { kind: 'all' }, id));
    const now = nowIso();
    if (await invoicesRepo.findInvoiceByNumber(ctx.db, row.type, input.number)) throw fieldError('number', 'codeTaken');
    const invoiceId = await invoicesRepo.insertInvoice(ctx.db, {
      type: row.type,
      number: input.number,
      issuedOn: input.issuedOn,
      customerId: row.customerId,
      orderId: row.orderId,
      amount: Number(row.amount),
      tax: Number(row.tax),
      currency: row.currency,
      buyerTitle: row.buyerTitle,
      buyerTaxId: row.buyerTaxId,
      buyerAddressPhone: row.buyerAddressPhone,
      buyerBankAccount: row.buyerBankAccount,
      status: 'issued',
      cancelReason: null,
      notes: row.notes,
      requestId: id,
      ownerId: row.ownerId,
      departmentId: row.departmentId,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    // Approved twice at once or registered twice: only the first one moves it.
    if (!(await repo.moveRequest(ctx.db, id, ['approved'], { status: 'issued', invoiceId, updatedAt: now })))
      throw new AppError('CONFLICT', 'invoiceRequestNotApproved');
    const lines = await linesRepo.listLines(ctx.db, { requestId: id });
    await linesRepo.insertLines(
      ctx.db,
      lines.map((l) => ({
        invoiceId,
        requestId: null,
        position: l.position,
        productId: l.productId,
        name: l.name,
        specification: l.specification,
        unit: l.unit,
        quantity: l.quantity,
        taxRateBp: l.taxRateBp,
        taxCode: l.taxCode,
        net: l.net,
        tax: l.tax,
        total: l.total,
        redOfLineId: null,
      })),
    );
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'invoices',
      entityId: invoiceId,
      detail: { type: row.type, number: input.number, amount: fromMinorUnits(Number(row.amount)), requestId: id },
    });
    await writeAudit(ctx.db, actor, {
      action: 'status_change',
      entity: 'invoiceRequests',
      entityId: id,
      detail: { status: 'issued', invoice: input.number },
    });
    return invoiceId;
  });
  return getInvoice(ctx, actor, invoiceId);
}
