import {
  documentFigures,
  fromMinorUnits,
  type QuoteLine,
  type QuoteLineInput,
  type RoundingRule,
  toMinorUnits,
} from '@relate/common';
import type { z } from 'zod';
import type { QuoteLineTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { resolvePrices } from '../products/index.ts';
import { fromBasisPoints, toBasisPoints } from '../../platform/percent.ts';
import * as repo from './quotes.repository.ts';

/** A line as stored: the quote's or order's own columns aside. */
export type PricedLine = Omit<QuoteLineTable, 'id' | 'quoteId'>;

/**
 * Completes each line from the catalogue (name, code, unit, tax rate, and the price the customer is
 * offered unless one is typed) and computes the document's figures exactly.
 */
export async function priceLines(
  ctx: AppContext,
  actor: Actor,
  customerId: number,
  lines: Array<z.output<typeof QuoteLineInput>>,
  discountPercent: string | null | undefined,
  rule: RoundingRule,
) {
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is number => Boolean(id)))];
  const products = productIds.length ? await repo.findLineProducts(ctx.db, productIds) : [];
  const prices = await resolvePrices(ctx, actor, { customerId, productId: productIds });
  const completed = lines.map((line, i) => {
    const product = line.productId ? products.find((p) => p.id === line.productId) : undefined;
    if (line.productId && !product) throw fieldError(`lines.${i}.productId`, 'notFoundOrHidden');
    const name = line.name ?? product?.name;
    if (!name) throw fieldError(`lines.${i}.name`, 'required');
    const unitPrice = line.unitPrice ?? prices.find((p) => p.productId === product?.id)?.price;
    if (unitPrice === undefined) throw fieldError(`lines.${i}.unitPrice`, 'required');
    return {
      productId: product?.id ?? null,
      productCode: product?.code ?? null,
      name,
      description: line.description ?? null,
      unit: line.unit !== undefined ? (line.unit ?? null) : (product?.unit ?? null),
      quantity: line.quantity,
      unitPrice,
      discountPercent: line.discountPercent ?? '0',
      taxRate: line.taxRate ?? (product ? fromBasisPoints(product.taxRateBp) : '0'),
    };
  });
  const figures = documentFigures(completed, discountPercent, rule);
  const priced: PricedLine[] = completed.map((line, i) => ({
    position: i + 1,
    productId: line.productId,
    productCode: line.productCode,
    name: line.name,
    description: line.description,
    unit: line.unit,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discountBp: toBasisPoints(line.discountPercent),
    taxRateBp: toBasisPoints(line.taxRate),
    net: toMinorUnits(figures.lines[i].net),
    tax: toMinorUnits(figures.lines[i].tax),
    total: toMinorUnits(figures.lines[i].total),
  }));
  return {
    lines: priced,
    totals: {
      subtotal: toMinorUnits(figures.subtotal),
      discount: toMinorUnits(figures.discount),
      tax: toMinorUnits(figures.tax),
      total: toMinorUnits(figures.total),
    },
  };
}

type StoredLine = PricedLine & { id: number };

/** A stored line (of a quote or an order) as the API shows it. */
export function toLine(l: StoredLine): QuoteLine {
  return {
    id: l.id,
    position: l.position,
    productId: l.productId,
    productCode: l.productCode,
    name: l.name,
    description: l.description,
    unit: l.unit,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: fromBasisPoints(l.discountBp),
    taxRate: fromBasisPoints(l.taxRateBp),
    net: fromMinorUnits(Number(l.net)),
    tax: fromMinorUnits(Number(l.tax)),
    total: fromMinorUnits(Number(l.total)),
  };
}

/** Who a stored quote or order is for, as the API shows it. */
export function toDocumentHead(row: {
  title: string;
  customerId: number;
  customerName: string;
  contactId: number | null;
  contactName: string | null;
  opportunityId: number | null;
}) {
  return {
    title: row.title,
    customerId: row.customerId,
    customerName: row.customerName,
    contactId: row.contactId,
    contactName: row.contactName,
    opportunityId: row.opportunityId,
  };
}

/** A stored quote's or order's discount and figures as the API shows them. */
export function toDocumentTotals(row: {
  discountBp: number;
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
  pointsRedeemed: number;
  pointsAmount: number;
}) {
  return {
    discountPercent: fromBasisPoints(row.discountBp),
    subtotal: fromMinorUnits(Number(row.subtotal)),
    discount: fromMinorUnits(Number(row.discount)),
    tax: fromMinorUnits(Number(row.tax)),
    total: fromMinorUnits(Number(row.total)),
    pointsRedeemed: Number(row.pointsRedeemed),
    pointsAmount: fromMinorUnits(Number(row.pointsAmount)),
  };
}

/** A document's figures less the member points it redeems: the total is what the customer pays. */
export function lessPoints(
  totals: { subtotal: number; discount: number; tax: number; total: number },
  redemption: { points: number; amount: number },
) {
  return {
    ...totals,
    total: totals.total - redemption.amount,
    pointsRedeemed: redemption.points,
    pointsAmount: redemption.amount,
  };
}

/** Lines as they were entered, to be priced again (a changed document, or an order from its quote). */
export function lineInputs(lines: QuoteLine[]): Array<z.output<typeof QuoteLineInput>> {
  return lines.map((l) => ({
    productId: l.productId,
    name: l.name,
    description: l.description,
    unit: l.unit,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    taxRate: l.taxRate,
  }));
}
