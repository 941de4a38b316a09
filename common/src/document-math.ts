/**
 * Totals of quotes and orders, exact: every figure is an integer of a fixed small unit and every
 * product is taken in BigInt, so no floating point ever touches money. Inputs are decimal strings:
 * quantity (up to 3 decimals), unit price (up to 4), percentages (up to 2).
 */
export type RoundingRule = 'half_up' | 'half_even';

export type LineInput = {
  quantity: string;
  unitPrice: string;
  discountPercent?: string | null;
  taxRate?: string | null;
};
export type LineFigures = { net: string; tax: string; total: string };
export type DocumentFigures = { lines: LineFigures[]; subtotal: string; discount: string; tax: string; total: string };

/** "12.5" at 3 decimals → 12500n; refuses anything that is not a plain non-negative decimal. */
export function scaled(value: string, decimals: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match || (match[2]?.length ?? 0) > decimals)
    throw new RangeError(`not a decimal with at most ${decimals} places: ${value}`);
  return BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt((match[2] ?? '').padEnd(decimals, '0') || '0');
}

/** numerator / denominator rounded to an integer by the rule (both non-negative). */
export function divideRounded(numerator: bigint, denominator: bigint, rule: RoundingRule): bigint {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator) return quotient + 1n;
  if (twice < denominator) return quotient;
  return rule === 'half_up' || quotient % 2n === 1n ? quotient + 1n : quotient;
}

export function centsToString(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const hundredPercent = 10_000n; // percentages in basis points

/**
 * Line net = quantity × unit price × (1 − line discount), rounded to the cent. The document discount
 * (a percentage of the subtotal) lowers each line's taxable amount in the same proportion, and each
 * line's tax is rounded on its own; the total is subtotal − discount + tax.
 */
export function documentFigures(
  lines: LineInput[],
  documentDiscountPercent: string | null | undefined,
  rule: RoundingRule,
): DocumentFigures {
  const documentDiscount = scaled(documentDiscountPercent || '0', 2);
  if (documentDiscount > hundredPercent) throw new RangeError('discount above 100%');
  let subtotal = 0n;
  let tax = 0n;
  const figures = lines.map((line) => {
    const quantity = scaled(line.quantity, 3);
    const price = scaled(line.unitPrice, 4);
    const discount = scaled(line.discountPercent || '0', 2);
    const rate = scaled(line.taxRate || '0', 2);
    if (discount > hundredPercent) throw new RangeError('discount above 100%');
    // quantity (1e-3) × price (1e-4) × (1 − discount) (1e-4) = 1e-11 of a unit; cents are 1e-2.
    const exactNet = quantity * price * (hundredPercent - discount);
    const net = divideRounded(exactNet, 10n ** 9n, rule);
    const lineTax = divideRounded(exactNet * (hundredPercent - documentDiscount) * rate, 10n ** 17n, rule);
    subtotal += net;
    tax += lineTax;
    return { net: centsToString(net), tax: centsToString(lineTax), total: centsToString(net + lineTax) };
  });
  const discount = divideRounded(subtotal * documentDiscount, hundredPercent, rule);
  return {
    lines: figures,
    subtotal: centsToString(subtotal),
    discount: centsToString(discount),
    tax: centsToString(tax),
    total: centsToString(subtotal - discount + tax),
  };
}
