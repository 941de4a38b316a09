import {
  fromMinorUnits,
  invoiceLineFigures,
  type InvoiceLine,
  type InvoiceLineInput,
  invoiceTotals,
  toMinorUnits,
} from '@relate/common';
import type { z } from 'zod';
import type { Insertable } from 'kysely';
import type { InvoiceLineTable } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { fromBasisPoints, toBasisPoints } from '../../platform/percent.ts';
import { getProduct } from '../products/index.ts';
import type { LineRow } from './invoice-lines.repository.ts';

export type NewLine = Omit<Insertable<InvoiceLineTable>, 'invoiceId' | 'requestId'>;

/**
 * Works out the lines asked for: each line's tax rate and tax classification code are its own, else its
 * product's; its tax is taken out of its amount with tax, to the fen (common/invoice-math.ts).
 */
export async function resolveLines(
  ctx: AppContext,
  inputs: z.output<typeof InvoiceLineInput>[],
): Promise<{ lines: NewLine[]; amount: number; tax: number }> {
  const lines: NewLine[] = [];
  for (const [i, input] of inputs.entries()) {
    let product: Awaited<ReturnType<typeof getProduct>> | null = null;
    if (input.productId) {
      try {
        product = await getProduct(ctx, input.productId);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND')
          throw fieldError(`lines.${i}.productId`, 'notFoundOrHidden');
        throw error;
      }
    }
    const rate = input.taxRate ?? product?.taxRate;
    if (rate === undefined || rate === null) throw fieldError(`lines.${i}.taxRate`, 'required');
    const rateBp = toBasisPoints(rate);
    const figures = invoiceLineFigures(toMinorUnits(input.amount), rateBp);
    lines.push({
      position: i + 1,
      productId: product?.id ?? null,
      name: input.name,
      specification: input.specification ?? product?.specification ?? null,
      unit: input.unit ?? product?.unit ?? null,
      quantity: input.quantity ?? null,
      taxRateBp: rateBp,
      taxCode: input.taxCode ?? product?.taxCode ?? null,
      net: figures.net,
      tax: figures.tax,
      total: figures.total,
      redOfLineId: null,
    });
  }
  const totals = invoiceTotals(lines.map((l) => ({ net: Number(l.net), tax: Number(l.tax), total: Number(l.total) })));
  return { lines, amount: totals.total, tax: totals.tax };
}

/** One line of an amount and tax given as they are (an invoice recorded without lines). */
export function singleLine(name: string, amount: number, tax: number): NewLine {
  const net = amount - tax;
  const rateBp = net === 0 ? 0 : Math.round((Math.abs(tax) * 10_000) / Math.abs(net));
  return {
    position: 1,
    productId: null,
    name,
    specification: null,
    unit: null,
    quantity: null,
    taxRateBp: rateBp,
    taxCode: null,
    net,
    tax,
    total: amount,
    redOfLineId: null,
  };
}

export function toInvoiceLine(r: LineRow): InvoiceLine {
  return {
    id: r.id,
    position: r.position,
    productId: r.productId,
    name: r.name,
    specification: r.specification,
    unit: r.unit,
    quantity: r.quantity,
    taxRate: fromBasisPoints(r.taxRateBp),
    taxCode: r.taxCode,
    net: fromMinorUnits(Number(r.net)),
    tax: fromMinorUnits(Number(r.tax)),
    total: fromMinorUnits(Number(r.total)),
    redOfLineId: r.redOfLineId,
    credited: fromMinorUnits(-Number(r.creditedTotal)),
  };
}

/** What is left of a line after its red-letter credits (positive figures, minor units). */
export function leftOf(r: LineRow) {
  return {
    net: Number(r.net) + Number(r.creditedNet),
    tax: Number(r.tax) + Number(r.creditedTax),
    total: Number(r.total) + Number(r.creditedTotal),
  };
}
