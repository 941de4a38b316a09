import { fromMinorUnits, type Page, type Receipt, type ReceiptInput, toMinorUnits } from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import { type Actor, can } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/document-numbers.ts';
import { AppError, fieldError, forbidden, orNotFound } from '../../platform/errors.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { submitOrApprove } from '../approvals/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import { settleOrderPoints } from '../membership/index.ts';
import { orderPaymentsOf } from './orders.repository.ts';
import { addToReceived, findInstalments } from './instalments.repository.ts';
import * as repo from './receipts.repository.ts';
import type { CountMode } from '../../platform/list-query.ts';

/** Money in one currency never settles an instalment in another: there is no rate that both sides agreed. */
function currencyMismatch(field: string, receipt: string, instalment: string): AppError {
  return new AppError(
    'CURRENCY_MISMATCH',
    'CURRENCY_MISMATCH',
    { [field]: { key: 'currencyMismatch', params: { receipt, instalment } } },
    { receipt, instalment },
  );
}

export function receiptScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'receipts');
}

async function toReceipts(db: Kysely<DB>, rows: repo.ReceiptRow[]): Promise<Receipt[]> {
  const allocations = rows.length
    ? await repo.allocationsOf(
        db,
        rows.map((r) => r.id),
      )
    : [];
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    customerId: r.customerId,
    customerName: r.customerName,
    receivedOn: r.receivedOn,
    amount: fromMinorUnits(Number(r.amount)),
    currency: r.currency,
    method: r.method as Receipt['method'],
    payer: r.payer,
    bankAccount: r.bankAccount,
    reference: r.reference,
    notes: r.notes,
    status: r.status as Receipt['status'],
    overpayment: Boolean(r.overpayment),
    approvalStatus: (r.approvalStatus ?? null) as Receipt['approvalStatus'],
    confirmedAt: r.confirmedAt,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    allocations: allocations
      .filter((a) => a.receiptId === r.id)
      .map((a) => ({
        instalmentId: a.instalmentId,
        orderNumber: a.orderNumber,
        seq: a.seq,
        amount: fromMinorUnits(Number(a.amount)),
      })),
    createdAt: r.createdAt,
  }));
}

export async function getReceipt(ctx: AppContext, actor: Actor, id: number): Promise<Receipt> {
  const row = orNotFound(await repo.findReceipt(ctx.db, await receiptScope(ctx, actor), id));
  return (await toReceipts(ctx.db, [row]))[0];
}

export async function listReceipts(
  ctx: AppContext,
  actor: Actor,
  query: {
    number?: string;
    customerId?: number;
    orderId?: number;
    status?: string;
    page: number;
    pageSize: number;
    count?: CountMode;
  },
): Promise<Page<Receipt>> {
  const { items, ...total } = await repo.listReceipts(ctx.db, ctx.dialect, await receiptScope(ctx, actor), query, {
    ...query,
    afterKey: cursorKey('receipts', query),
  });
  return pageResponse('receipts', query, await toReceipts(ctx.db, items), total);
}

/**
 * Records money received from a customer, matched to instalments of that customer's orders. Until
 * finance confirms it, it counts for nothing; each match may not exceed what is outstanding on the
 * instalment unless over-payment is allowed explicitly.
 */
export async function createReceipt(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof ReceiptInput>,
): Promise<Receipt> {
  const customer = await findVisibleCustomer(ctx, actor, input.customerId);
  if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
  const amount = toMinorUnits(input.amount);
  const allocations = input.allocations.map((a) => ({ instalmentId: a.instalmentId, amount: toMinorUnits(a.amount) }));
  const refund = amount < 0;
  if (allocations.reduce((s, a) => s + a.amount, 0) > Math.abs(amount))
    throw fieldError('allocations', 'allocationsExceedReceipt');
  const instalments = allocations.length
    ? await findInstalments(
        ctx.db,
        allocations.map((a) => a.instalmentId),
      )
    : [];
  const settings = await getSettings(ctx.db);
  // Without a currency of its own, a payment is in the currency of what it pays (else the company's default).
  const currency =
    input.currency ??
    instalments.find((x) => x.id === allocations[0]?.instalmentId)?.currency ??
    settings.defaultCurrency;
  allocations.forEach((a, i) => {
    const instalment = instalments.find((x) => x.id === a.instalmentId);
    if (!instalment || instalment.customerId !== input.customerId)
      throw fieldError(`allocations.${i}.instalmentId`, 'notFoundOrHidden');
    if (instalment.currency !== currency)
      throw currencyMismatch(`allocations.${i}.instalmentId`, currency, instalment.currency);
    if (refund && a.amount > Number(instalment.received))
      throw fieldError(`allocations.${i}.amount`, 'moreThanReceived', {
        received: fromMinorUnits(Number(instalment.received)),
      });
    if (!refund && !input.overpayment && a.amount > Number(instalment.amount) - Number(instalment.received))
      throw fieldError(`allocations.${i}.amount`, 'moreThanOutstanding', {
        outstanding: fromMinorUnits(Number(instalment.amount) - Number(instalment.received)),
      });
  });
  const id = await inTransaction(ctx, async (ctx) => {
    const number = await nextDocumentNumber(ctx.db, 'receipts', settings.receiptNumberFormat, settings.timezone);
    const now = nowIso();
    const receiptId = await repo.insertReceipt(ctx.db, {
      number,
      customerId: input.customerId,
      receivedOn: input.receivedOn,
      amount,
      currency,
      method: input.method,
      payer: input.payer ?? null,
      bankAccount: input.bankAccount ?? null,
      reference: input.reference ?? null,
      notes: input.notes ?? null,
      status: 'unconfirmed',
      overpayment: input.overpayment ? 1 : 0,
      approvalStatus: null,
      confirmedBy: null,
      confirmedAt: null,
      ownerId: actor.userId,
      departmentId: actor.departmentId,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (allocations.length)
      await repo.insertAllocations(
        ctx.db,
        allocations.map((a) => ({ receiptId, ...a })),
      );
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'receipts',
      entityId: receiptId,
      detail: { number, customerId: input.customerId, amount: input.amount, currency },
    });
    return receiptId;
  });
  return getReceipt(ctx, actor, id);
}

/** Finance confirms a receipt: its matches are added to the instalments, still within what is outstanding unless allowed. */
export async function confirmReceipt(ctx: AppContext, actor: Actor, id: number): Promise<Receipt> {
  const receipt = await getReceipt(ctx, actor, id);
  if (!can(actor, 'receipts.confirm')) throw forbidden();
  if (receipt.status !== 'unconfirmed') throw new AppError('CONFLICT', 'receiptConfirmed');
  const refund = Number(receipt.amount) < 0;
  if (refund && receipt.approvalStatus !== 'approved') throw new AppError('CONFLICT', 'refundNotApproved');
  await inTransaction(ctx, async (ctx) => {
    if (!(await repo.confirmUnconfirmed(ctx.db, id, actor.userId, nowIso())))
      throw new AppError('CONFLICT', 'receiptConfirmed');
    const allocations = await repo.allocationCurrencies(ctx.db, id);
    const foreign = allocations.findIndex((a) => a.currency !== receipt.currency);
    if (foreign >= 0)
      throw currencyMismatch(`allocations.${foreign}.instalmentId`, receipt.currency, allocations[foreign].currency);
    for (const a of allocations) {
      // A refund takes money back from an instalment: never below nothing received.
      const change = refund ? -Number(a.amount) : Number(a.amount);
      const guard = refund ? 'atLeastZero' : receipt.overpayment ? 'none' : 'atMostAmount';
      if (!(await addToReceived(ctx.db, a.instalmentId, change, guard, nowIso())))
        throw new AppError('CONFLICT', 'receiptExceedsOutstanding');
    }
    // A member earns an order's points once it is paid in full; a refund below its total reverses them.
    await settleOrderPoints(
      ctx,
      actor,
      await orderPaymentsOf(
        ctx.db,
        allocations.map((a) => a.instalmentId),
      ),
      id,
    );
    await writeAudit(ctx.db, actor, {
      action: 'confirm',
      entity: 'receipts',
      entityId: id,
      detail: { amount: receipt.amount },
    });
  });
  return getReceipt(ctx, actor, id);
}

/** Deletes an unconfirmed payment. A payment outside the caller's scope does not exist for them (404, whatever their permissions). */
export async function deleteReceipt(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const receipt = await getReceipt(ctx, actor, id);
  if (!can(actor, 'receipts.delete')) throw forbidden();
  if (receipt.status !== 'unconfirmed') throw new AppError('CONFLICT', 'receiptConfirmed');
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteUnconfirmed(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'receipts',
      entityId: id,
      detail: { number: receipt.number, amount: receipt.amount },
    });
  });
}

/** Submits a refund for approval; without a matching flow it is approved at once. */
export async function submitRefund(ctx: AppContext, actor: Actor, id: number): Promise<Receipt> {
  const receipt = await getReceipt(ctx, actor, id);
  if (!can(actor, 'receipts.create')) throw forbidden();
  if (Number(receipt.amount) >= 0) throw new AppError('CONFLICT', 'notARefund');
  await submitOrApprove(ctx, actor, 'refund', id);
  return getReceipt(ctx, actor, id);
}
