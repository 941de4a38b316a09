import {
  type CommissionLine,
  type CommissionStatement,
  type CommissionStatementDetail,
  fromMinorUnits,
  type Page,
} from '@relate/common';
import { type Actor, can } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, orNotFound } from '../../platform/errors.ts';
import { pageWindow } from '../../platform/list-query.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { submitOrApprove } from '../approvals/index.ts';
import { generate, recomputable, statementLocked } from './generation.service.ts';
import { decimalOf } from './rules.ts';
import * as repo from './statements.repository.ts';

const money = (minor: number | null) => (minor === null ? null : fromMinorUnits(Number(minor)));

/** Whose statements the caller sees: the commission data scope of their roles (a rep their own, a manager their department tree). */
export function statementScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'commission');
}

function toStatement(row: repo.StatementRow): CommissionStatement {
  return {
    id: row.id,
    userId: row.ownerId,
    userName: row.userName,
    departmentId: row.departmentId,
    month: row.month,
    planId: row.planId,
    planName: row.planName,
    basis: row.basis as CommissionStatement['basis'],
    status: row.status as CommissionStatement['status'],
    currency: row.currency,
    target: money(row.target),
    achieved: money(row.achieved),
    attainment: row.attainmentBp === null ? null : decimalOf(row.attainmentBp, 2),
    multiplier: decimalOf(row.multiplierBp, 4),
    gross: money(row.gross)!,
    cap: money(row.cap),
    capped: money(row.capped)!,
    adjustments: money(row.adjustments)!,
    total: money(row.total)!,
    lineCount: row.lineCount,
    generatedAt: row.generatedAt,
    submittedAt: row.submittedAt,
    lockedAt: row.lockedAt,
  };
}

type LineRow = Awaited<ReturnType<typeof repo.linesPage>>[0][number];

function toLine(row: LineRow): CommissionLine {
  return {
    id: row.id,
    kind: row.kind as CommissionLine['kind'],
    event: row.event as CommissionLine['event'],
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    receiptId: row.receiptId,
    receiptNumber: row.receiptNumber,
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoiceNumber,
    adjustsLineId: row.adjustsLineId,
    adjustsStatementId: row.adjustsStatementId,
    adjustsMonth: row.adjustsMonth,
    customerId: row.customerId,
    customerName: row.customerName,
    customerLevel: row.customerLevel,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    sourceDate: row.sourceDate,
    sourceAmount: money(row.sourceAmount)!,
    sourceCurrency: row.sourceCurrency,
    base: money(row.base)!,
    rate: decimalOf(row.rateBp, 2),
    multiplier: decimalOf(row.multiplierBp, 4),
    computed: money(row.computed)!,
    commission: money(row.commission)!,
  };
}

/** One statement in the caller's scope (404 outside it). */
export async function getStatement(ctx: AppContext, actor: Actor, id: number): Promise<CommissionStatement> {
  return toStatement(orNotFound(await repo.findStatement(ctx.db, await statementScope(ctx, actor), id)));
}

/** A statement with a page of its lines, each naming its order and receipt (or what it adjusts). */
export async function statementWithLines(
  ctx: AppContext,
  actor: Actor,
  id: number,
  page: { page: number; pageSize: number },
): Promise<CommissionStatementDetail> {
  const statement = await getStatement(ctx, actor, id);
  const [rows, count] = await repo.linesPage(ctx.db, id, pageWindow(page.page, page.pageSize));
  return {
    ...statement,
    lines: { items: rows.map(toLine), total: Number(count.n), page: page.page, pageSize: page.pageSize },
  };
}

/** Statements in the caller's scope: by month, person and status, newest month first. */
export async function listStatements(
  ctx: AppContext,
  actor: Actor,
  query: { month?: string; userId?: number; status?: string[]; page: number; pageSize: number },
): Promise<Page<CommissionStatement>> {
  const { rows, total } = await repo.listStatements(
    ctx.db,
    await statementScope(ctx, actor),
    query,
    pageWindow(query.page, query.pageSize),
  );
  return { items: rows.map(toStatement), total, page: query.page, pageSize: query.pageSize };
}

/** Computes a draft (or rejected) statement again from what its month holds now; a submitted or locked one is refused. */
export async function recomputeStatement(ctx: AppContext, actor: Actor, id: number): Promise<CommissionStatement> {
  const statement = await getStatement(ctx, actor, id);
  if (!can(actor, 'commission.manage')) throw forbidden();
  if (!recomputable(statement.status)) throw statementLocked(statement.status);
  await generate(ctx, actor, statement.month, statement.userId);
  return getStatement(ctx, actor, id);
}

/** Submits a statement for approval; without a matching approval flow it is approved, and so locked, at once. */
export async function submitStatement(ctx: AppContext, actor: Actor, id: number): Promise<CommissionStatement> {
  await getStatement(ctx, actor, id);
  await submitOrApprove(ctx, actor, 'commission', id);
  return getStatement(ctx, actor, id);
}
