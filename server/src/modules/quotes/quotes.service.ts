import {
  fromMinorUnits,
  type Locale,
  type Page,
  type Quote,
  type QuoteDetail,
  type QuoteInput,
  type QuoteLine,
  type QuoteLineInput,
  type QuotePatch,
  type QuoteQuery,
  type QuoteStatus,
} from '@relate/common';
import { cursorKey, pageResponse } from '../../platform/list-cursor.ts';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { handOverDocuments } from '../../db/document-handover.ts';
import { liveColumn, updateInStatus } from '../../db/record-guards.ts';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/document-numbers.ts';
import { AppError, fieldError, orNotFound } from '../../platform/errors.ts';
import type { OwnedEntity } from '../../platform/ownership.ts';
import { type Scope, scopeFor } from '../../platform/scope.ts';
import { approvalNeeded } from '../approvals/index.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { toBasisPoints } from '../../platform/percent.ts';
import { getSettings, readLogo } from '../settings/index.ts';
import { loadLookupOptions } from '../dictionaries/index.ts';
import { type PrintedDocument, printedDocumentOf, renderDocumentPdf } from './document-pdf.ts';
import { lessPoints, lineInputs, priceLines, toDocumentHead, toDocumentTotals, toLine } from './quote-lines.ts';
import { redemptionFor } from '../membership/index.ts';
import * as repo from './quotes.repository.ts';
import { createdStamps, updatedStamps } from '../../platform/stamps.ts';

const money = (minor: number) => fromMinorUnits(Number(minor));

export function toQuote(row: repo.QuoteRow): Quote {
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    isLatest: Boolean(row.isLatest),
    rootId: row.rootId ?? row.id,
    ...toDocumentHead(row),
    opportunityName: row.opportunityName,
    currency: row.currency,
    validUntil: row.validUntil,
    status: row.status as QuoteStatus,
    ...toDocumentTotals(row),
    terms: row.terms,
    notes: row.notes,
    sentAt: row.sentAt,
    decidedAt: row.decidedAt,
    approvalStatus: (row.approvalStatus ?? null) as Quote['approvalStatus'],
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function quoteScope(ctx: AppContext, actor: Actor): Promise<Scope> {
  return scopeFor(ctx.db, actor, 'quotes');
}

/** The customer must be visible; the contact must be theirs; the opportunity theirs and visible. */
export async function assertParties(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  refs: { contactId?: number | null; opportunityId?: number | null },
) {
  const customer = await findVisibleCustomer(ctx, actor, customerId);
  if (!customer) throw fieldError('customerId', 'notFoundOrHidden');
  if (refs.contactId) {
    const contact = await liveColumn(ctx.db, 'contacts', refs.contactId, 'customerId');
    if (contact?.customerId !== customerId) throw fieldError('contactId', 'contactNotOfCustomer');
  }
  if (refs.opportunityId) {
    const scope = await scopeFor(ctx.db, actor, 'opportunities');
    const opportunity = await repo.findOpportunityCustomer(ctx.db, scope, refs.opportunityId);
    if (opportunity?.customerId !== customerId) throw fieldError('opportunityId', 'notFoundOrHidden');
  }
  return customer;
}

export async function figuresOrFieldError<T>(compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    if (error instanceof RangeError) throw fieldError('lines', 'invalid');
    throw error;
  }
}

/**
 * A draft quote's or order's lines and discount after a patch (what the patch leaves out stays as it was),
 * priced again.
 */
export async function repricePatched(
  ctx: AppContext,
  actor: Actor,
  current: { customerId: number; lines: QuoteLine[]; discountPercent: string },
  patch: { lines?: Array<z.output<typeof QuoteLineInput>>; discountPercent?: string | null },
) {
  const settings = await getSettings(ctx.db);
  const lines = patch.lines ?? lineInputs(current.lines);
  const discountPercent =
    patch.discountPercent !== undefined ? (patch.discountPercent ?? '0') : current.discountPercent;
  const priced = await figuresOrFieldError(() =>
    priceLines(ctx, actor, current.customerId, lines, discountPercent, settings.roundingRule),
  );
  return { discountPercent, priced };
}

export async function listQuotes(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof QuoteQuery>,
): Promise<Page<Quote>> {
  const { items, ...total } = await repo.listQuotes(ctx.db, ctx.dialect, await quoteScope(ctx, actor), query, {
    ...query,
    afterKey: cursorKey('quotes', query),
  });
  return pageResponse('quotes', query, items.map(toQuote), total);
}

export async function getQuote(ctx: AppContext, actor: Actor, id: number): Promise<QuoteDetail> {
  const row = orNotFound(await repo.findQuote(ctx.db, await quoteScope(ctx, actor), id));
  const [lines, versions] = await Promise.all([
    repo.linesOf(ctx.db, id),
    repo.versionsOf(ctx.db, row.rootId ?? row.id),
  ]);
  return {
    ...toQuote(row),
    lines: lines.map(toLine),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status as QuoteStatus,
      total: money(v.total),
      updatedAt: v.updatedAt,
    })),
  };
}

/** A new quote in draft, numbered by the company's format, valid for the configured number of days. */
export async function createQuote(
  ctx: AppContext,
  actor: Actor,
  input: z.output<typeof QuoteInput>,
): Promise<QuoteDetail> {
  await assertParties(ctx, actor, input.customerId, input);
  const settings = await getSettings(ctx.db);
  const priced = await figuresOrFieldError(() =>
    priceLines(ctx, actor, input.customerId, input.lines, input.discountPercent, settings.roundingRule),
  );
  const currency = input.currency ?? settings.defaultCurrency;
  // A quote offers points off; its order redeems them from the balance.
  const redemption = await redemptionFor(ctx, {
    customerId: input.customerId,
    currency,
    points: input.pointsRedeemed ?? 0,
    total: priced.totals.total,
  });
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const number = await nextDocumentNumber(ctx.db, 'quotes', settings.quoteNumberFormat, settings.timezone);
    const id = await repo.insertQuote(ctx.db, {
      number,
      rootId: null,
      version: 1,
      isLatest: 1,
      title: input.title,
      customerId: input.customerId,
      contactId: input.contactId ?? null,
      opportunityId: input.opportunityId ?? null,
      currency,
      validUntil:
        input.validUntil ?? dayjs(todayIn(settings.timezone)).add(settings.quoteValidDays, 'day').format('YYYY-MM-DD'),
      status: 'draft',
      discountBp: toBasisPoints(input.discountPercent ?? '0'),
      ...lessPoints(priced.totals, redemption),
      terms: input.terms ?? null,
      notes: input.notes ?? null,
      sentAt: null,
      decidedAt: null,
      ownerId: actor.userId,
      departmentId: actor.departmentId,
      ...createdStamps(actor, now),
      deletedAt: null,
      deletedBy: null,
    });
    await repo.updateQuote(ctx.db, id, { rootId: id });
    await repo.replaceQuoteLines(ctx.db, id, priced.lines);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'quotes',
      entityId: id,
      detail: { number, customerId: input.customerId, total: money(priced.totals.total - redemption.amount) },
    });
    return id;
  });
  return getQuote(ctx, actor, id);
}

/**
 * Changes a quote. A draft changes in place; a quote already sent keeps what the customer saw and
 * the change becomes its next version (a draft). Decided or expired quotes no longer change.
 */
export async function updateQuote(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: z.output<typeof QuotePatch>,
): Promise<QuoteDetail> {
  const current = await getQuote(ctx, actor, id);
  if (!current.isLatest) throw new AppError('CONFLICT', 'quoteNotLatest');
  if (current.status !== 'draft' && current.status !== 'sent') throw new AppError('CONFLICT', 'quoteClosed');
  if (current.approvalStatus === 'pending') throw new AppError('CONFLICT', 'approvalPending');
  const merged = {
    contactId: patch.contactId !== undefined ? patch.contactId : current.contactId,
    opportunityId: patch.opportunityId !== undefined ? patch.opportunityId : current.opportunityId,
  };
  await assertParties(ctx, actor, current.customerId, merged);
  const { discountPercent, priced } = await repricePatched(ctx, actor, current, patch);
  const currency = patch.currency ?? current.currency;
  const redemption = await redemptionFor(ctx, {
    customerId: current.customerId,
    currency,
    points: patch.pointsRedeemed !== undefined ? (patch.pointsRedeemed ?? 0) : current.pointsRedeemed,
    total: priced.totals.total,
  });
  const now = nowIso();
  const values = {
    title: patch.title ?? current.title,
    contactId: merged.contactId ?? null,
    opportunityId: merged.opportunityId ?? null,
    currency,
    validUntil: patch.validUntil !== undefined ? (patch.validUntil ?? null) : current.validUntil,
    discountBp: toBasisPoints(discountPercent),
    ...lessPoints(priced.totals, redemption),
    terms: patch.terms !== undefined ? (patch.terms ?? null) : current.terms,
    notes: patch.notes !== undefined ? (patch.notes ?? null) : current.notes,
    ...updatedStamps(actor, now),
  };
  const resultId = await inTransaction(ctx, async (ctx) => {
    if (current.status === 'draft') {
      // A changed quote needs approving again if its flow still applies.
      await repo.updateQuoteNotPending(ctx.db, id, { ...values, approvalStatus: null });
      await repo.replaceQuoteLines(ctx.db, id, priced.lines);
      await writeAudit(ctx.db, actor, {
        action: 'update',
        entity: 'quotes',
        entityId: id,
        detail: { total: money(priced.totals.total - redemption.amount) },
      });
      return id;
    }
    // Only one new version may come from a sent one, even with two editors at once.
    if (!(await repo.supersedeQuote(ctx.db, id))) throw new AppError('CONFLICT', 'quoteNotLatest');
    const newId = await repo.insertQuote(ctx.db, {
      ...values,
      number: current.number,
      rootId: current.rootId,
      version: current.version + 1,
      isLatest: 1,
      customerId: current.customerId,
      status: 'draft',
      sentAt: null,
      decidedAt: null,
      approvalStatus: null,
      ownerId: current.ownerId,
      departmentId: await repo.quoteDepartmentId(ctx.db, id),
      createdBy: actor.userId,
      createdAt: now,
      deletedAt: null,
      deletedBy: null,
    });
    await repo.replaceQuoteLines(ctx.db, newId, priced.lines);
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'quotes',
      entityId: newId,
      detail: { number: current.number, version: current.version + 1, from: id },
    });
    return newId;
  });
  return getQuote(ctx, actor, resultId);
}

const transitions: Record<string, QuoteStatus[]> = { draft: ['sent'], sent: ['accepted', 'rejected'] };

/** A quote goes to the customer only once any approval it needs (a deep discount, say) is given. */
export async function assertSendable(ctx: AppContext, actor: Actor, quote: QuoteDetail): Promise<void> {
  if (quote.approvalStatus === 'approved') return;
  if (quote.approvalStatus === 'pending') throw new AppError('CONFLICT', 'approvalPending');
  if (await approvalNeeded(ctx, actor, 'quote', quote.id)) throw new AppError('CONFLICT', 'approvalRequired');
}

/** Sends a draft, or records the customer's decision on a sent quote (latest version only). */
export async function changeQuoteStatus(
  ctx: AppContext,
  actor: Actor,
  id: number,
  change: { status: 'sent' | 'accepted' | 'rejected'; reason?: string | null },
): Promise<QuoteDetail> {
  const current = await getQuote(ctx, actor, id);
  if (!current.isLatest) throw new AppError('CONFLICT', 'quoteNotLatest');
  if (!transitions[current.status]?.includes(change.status))
    throw new AppError('CONFLICT', 'quoteStatusChange', undefined, { from: current.status, to: change.status });
  if (change.status === 'sent') await assertSendable(ctx, actor, current);
  const now = nowIso();
  await inTransaction(ctx, async (ctx) => {
    const changed = await updateInStatus(ctx.db, 'quotes', id, current.status, {
      status: change.status,
      ...(change.status === 'sent' ? { sentAt: now } : { decidedAt: now }),
      ...updatedStamps(actor, now),
    });
    if (!changed)
      throw new AppError('CONFLICT', 'quoteStatusChange', undefined, { from: current.status, to: change.status });
    await writeAudit(ctx.db, actor, {
      action: 'status_change',
      entity: 'quotes',
      entityId: id,
      detail: { from: current.status, to: change.status, reason: change.reason ?? null },
    });
  });
  return getQuote(ctx, actor, id);
}

/** Deletes a quote with all its versions. */
export async function deleteQuote(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const current = await getQuote(ctx, actor, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteQuoteVersions(ctx.db, current.rootId, nowIso(), actor.userId);
    await writeAudit(ctx.db, actor, {
      action: 'delete',
      entity: 'quotes',
      entityId: id,
      detail: { number: current.number },
    });
  });
}

/** Sweep: sent quotes whose validity has passed become expired. */
export async function expireQuotes(ctx: AppContext): Promise<void> {
  const { timezone } = await getSettings(ctx.db);
  await repo.expireSentQuotes(ctx.db, todayIn(timezone), nowIso());
}

export const quotesOwnership: OwnedEntity = {
  entity: 'quotes',
  transfer: (trx, fromUserId, to) =>
    handOverDocuments(trx, 'quotes', fromUserId, to, nowIso(), ['in', ['draft', 'sent']]),
};

/** A quote as PDF, in the customer's language unless asked (see documentPdf). */
export async function quotePdf(
  ctx: AppContext,
  actor: Actor,
  id: number,
  requested?: Locale,
): Promise<{ number: string; locale: Locale; pdf: Buffer }> {
  const quote = await getQuote(ctx, actor, id);
  const printed: PrintedDocument = {
    ...printedDocumentOf(quote),
    kind: 'quote',
    version: quote.version,
    date: quote.sentAt ?? quote.updatedAt,
    validUntil: quote.validUntil,
  };
  return { number: quote.number, ...(await documentPdf(ctx, printed, quote.customerId, requested)) };
}

/**
 * A quote or order as PDF, in the language asked for or else the customer's: Chinese for customers in China
 * (or with no country), English otherwise. The settings, logo and unit names are read here, the page is laid
 * out in document-pdf.ts.
 */
export async function documentPdf(
  ctx: AppContext,
  printed: PrintedDocument,
  customerId: number,
  requested?: Locale,
): Promise<{ locale: Locale; pdf: Buffer }> {
  const customer = await repo.findCustomerCountry(ctx.db, customerId);
  const chinese = !customer?.country || /^(中国|china|cn|prc)$/i.test(customer.country.trim());
  const locale: Locale = requested ?? (chinese ? 'zh-CN' : 'en');
  const [settings, logo, units] = await Promise.all([
    getSettings(ctx.db),
    readLogo(ctx.db),
    loadLookupOptions(ctx.db, ['product_unit']),
  ]);
  const unitLabels = new Map(units.map((u) => [u.code, locale === 'en' ? u.labelEn : u.labelZh]));
  const pdf = await renderDocumentPdf(printed, settings, locale, {
    fontFile: ctx.config.pdfFont,
    logo: logo?.data,
    unitLabel: (code) => unitLabels.get(code) ?? code,
  });
  return { locale, pdf };
}
