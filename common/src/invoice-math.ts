import { divideRounded } from './document-math.ts';

/**
 * The arithmetic of VAT invoice lines, in fen (integers; products in BigInt). A line is asked for by
 * its amount with tax (价税合计); its tax is amount × rate ÷ (1 + rate), rounded half up to the fen, and
 * its amount without tax (金额) is the rest, so every line adds up exactly and an invoice's totals are
 * the sums of its lines.
 */
export type InvoiceLineFigures = { net: number; tax: number; total: number };

/** A line of `total` fen with tax at `rateBp` basis points (1300 = 13 %). */
export function invoiceLineFigures(total: number, rateBp: number): InvoiceLineFigures {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`not an amount in fen: ${total}`);
  const tax = Number(divideRounded(BigInt(total) * BigInt(rateBp), 10_000n + BigInt(rateBp), 'half_up'));
  return { net: total - tax, tax, total };
}

/**
 * A red-letter credit of `credit` fen against what is left of a line (`left`: its total, tax and net less
 * every credit before). Crediting all that is left takes exactly the tax and net left; a part takes its
 * tax by the line's rate, kept within what is left of both, so no series of partial credits can take
 * more tax or more net than the line had. Figures are positive; the credit invoice records them negative.
 */
export function redLetterLineFigures(credit: number, left: InvoiceLineFigures, rateBp: number): InvoiceLineFigures {
  if (credit > left.total) throw new RangeError('credit above what is left');
  if (credit === left.total) return { ...left };
  const byRate = invoiceLineFigures(credit, rateBp).tax;
  const tax = Math.min(left.tax, Math.max(credit - left.net, byRate));
  return { net: credit - tax, tax, total: credit };
}

/** The sums of some lines. */
export function invoiceTotals(lines: InvoiceLineFigures[]): InvoiceLineFigures {
  return lines.reduce((sum, l) => ({ net: sum.net + l.net, tax: sum.tax + l.tax, total: sum.total + l.total }), {
    net: 0,
    tax: 0,
    total: 0,
  });
}
