import {
  fromMinorUnits,
  type PriceBook,
  type PriceBookEntriesInput,
  type PriceBookEntry,
  type PriceBookInput,
  type ResolvedPrice,
  toMinorUnits,
} from '@relate/common';
import type { z } from 'zod';
import { nowIso, todayIn } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { fieldError, orNotFound } from '../../platform/errors.ts';
import { findVisibleCustomer } from '../customers/index.ts';
import { assertDictionaryCodes } from '../dictionaries/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './pricebooks.repository.ts';

type Input = z.output<typeof PriceBookInput>;

function toPriceBook(row: repo.PriceBookRow): PriceBook {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as PriceBook['kind'],
    customerLevel: row.customerLevel,
    customerId: row.customerId,
    customerName: row.customerName,
    currency: row.currency,
    validFrom: row.validFrom,
    validTo: row.validTo,
    active: Boolean(row.active),
    description: row.description,
    entryCount: Number(row.entryCount ?? 0),
    updatedAt: row.updatedAt,
  };
}

export async function listPriceBooks(ctx: AppContext): Promise<PriceBook[]> {
  return (await repo.listPriceBooks(ctx.db)).map(toPriceBook);
}

export async function getPriceBook(ctx: AppContext, id: number): Promise<PriceBook> {
  return toPriceBook(orNotFound(await repo.findPriceBook(ctx.db, id)));
}

async function columns(ctx: AppContext, input: Input) {
  await assertDictionaryCodes(ctx.db, input, { customerLevel: 'customer_level' });
  if (input.customerId && !(await repo.liveCustomerExists(ctx.db, input.customerId)))
    throw fieldError('customerId', 'notFoundOrHidden');
  const settings = await getSettings(ctx.db);
  return {
    name: input.name,
    kind: input.kind,
    customerLevel: input.kind === 'level' ? (input.customerLevel ?? null) : null,
    customerId: input.kind === 'customer' ? (input.customerId ?? null) : null,
    currency: input.currency ?? settings.defaultCurrency,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    active: input.active ? 1 : 0,
    description: input.description ?? null,
  };
}

export async function createPriceBook(ctx: AppContext, actor: Actor, input: Input): Promise<PriceBook> {
  const values = await columns(ctx, input);
  const now = nowIso();
  const id = await inTransaction(ctx, async (ctx) => {
    const id = await repo.insertPriceBook(ctx.db, { ...values, createdAt: now, updatedAt: now });
    await writeAudit(ctx.db, actor, {
      action: 'create',
      entity: 'priceBooks',
      entityId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return getPriceBook(ctx, id);
}

export async function updatePriceBook(ctx: AppContext, actor: Actor, id: number, input: Input): Promise<PriceBook> {
  await getPriceBook(ctx, id);
  const values = await columns(ctx, input);
  await inTransaction(ctx, async (ctx) => {
    await repo.updatePriceBook(ctx.db, id, { ...values, updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, { action: 'update', entity: 'priceBooks', entityId: id, detail: values });
  });
  return getPriceBook(ctx, id);
}

export async function deletePriceBook(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  await getPriceBook(ctx, id);
  await inTransaction(ctx, async (ctx) => {
    await repo.deletePriceBook(ctx.db, id);
    await writeAudit(ctx.db, actor, { action: 'delete', entity: 'priceBooks', entityId: id });
  });
}

export async function listEntries(ctx: AppContext, id: number): Promise<PriceBookEntry[]> {
  await getPriceBook(ctx, id);
  const rows = await repo.listEntries(ctx.db, id);
  return rows.map((r) => ({
    ...r,
    listPrice: fromMinorUnits(Number(r.listPrice)),
    price: fromMinorUnits(Number(r.price)),
  }));
}

/** Sets or removes prices in a book, all in one transaction. */
export async function setEntries(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof PriceBookEntriesInput>,
): Promise<PriceBookEntry[]> {
  await getPriceBook(ctx, id);
  const productIds = [...new Set(input.entries.map((e) => e.productId))];
  const known = new Set(await repo.liveProductIds(ctx.db, productIds));
  const unknown = input.entries.findIndex((e) => !known.has(e.productId));
  if (unknown >= 0) throw fieldError(`entries.${unknown}.productId`, 'notFoundOrHidden');
  await inTransaction(ctx, async (ctx) => {
    for (const entry of input.entries) {
      if (entry.price === null) {
        await repo.deleteEntry(ctx.db, id, entry.productId);
        continue;
      }
      await repo.upsertEntry(ctx.db, id, entry.productId, toMinorUnits(entry.price));
    }
    await repo.updatePriceBook(ctx.db, id, { updatedAt: nowIso() });
    await writeAudit(ctx.db, actor, {
      action: 'update',
      entity: 'priceBooks',
      entityId: id,
      detail: { entries: input.entries },
    });
  });
  return listEntries(ctx, id);
}

/**
 * The price each product is offered at to a customer on a day: the customer's own price book first,
 * then a book for the customer's level, else the list price. Among several matching books of the same
 * kind the lower price wins. Only active books valid on that day count.
 */
export async function resolvePrices(
  ctx: AppContext,
  actor: Actor,
  query: { customerId?: number; productId?: number[]; date?: string },
): Promise<ResolvedPrice[]> {
  if (!query.productId?.length) return [];
  const settings = await getSettings(ctx.db);
  const date = query.date ?? todayIn(settings.timezone);
  const customer = query.customerId ? await findVisibleCustomer(ctx, actor, query.customerId) : null;
  if (query.customerId && !customer) throw fieldError('customerId', 'notFoundOrHidden');
  const products = await repo.listProductPrices(ctx.db, query.productId);
  const offers = customer ? await repo.listOffers(ctx.db, query.productId, date, customer) : [];
  const rank = (kind: string) => (kind === 'customer' ? 0 : 1);
  return products.map((product) => {
    const best = offers
      .filter((o) => o.productId === product.id)
      .sort((a, b) => rank(a.kind) - rank(b.kind) || Number(a.price) - Number(b.price))[0];
    return {
      productId: product.id,
      listPrice: fromMinorUnits(Number(product.listPrice)),
      price: fromMinorUnits(Number(best ? best.price : product.listPrice)),
      currency: best ? best.currency : product.currency,
      priceBookId: best?.bookId ?? null,
      priceBookName: best?.bookName ?? null,
    };
  });
}
