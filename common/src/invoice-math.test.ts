import { describe, expect, it } from 'vitest';
import { invoiceLineFigures, invoiceTotals, redLetterLineFigures } from './invoice-math.ts';

describe('VAT invoice line arithmetic', () => {
  it('takes the tax out of an amount with tax, half up to the fen', () => {
    expect(invoiceLineFigures(113_000, 1300)).toEqual({ net: 100_000, tax: 13_000, total: 113_000 });
    // 100.00 at 13 %: 11.504… → 11.50; at 6 %: 5.660… → 5.66; 1 fen at 13 %: 0.115 → 0.
    expect(invoiceLineFigures(10_000, 1300)).toEqual({ net: 8_850, tax: 1_150, total: 10_000 });
    expect(invoiceLineFigures(10_000, 600)).toEqual({ net: 9_434, tax: 566, total: 10_000 });
    expect(invoiceLineFigures(1, 1300).tax).toBe(0);
    expect(invoiceLineFigures(5_000, 0)).toEqual({ net: 5_000, tax: 0, total: 5_000 });
    // Large amounts stay exact (the product exceeds 2^53).
    expect(invoiceLineFigures(9_000_000_000_000, 1300).tax).toBe(1_035_398_230_088);
  });

  it('never lets partial credits take more tax or net than the line had', () => {
    const line = invoiceLineFigures(11_300, 1300);
    let left = { ...line };
    const credits = [1, 1, 1, 7, 333, 1_000, 5_001];
    for (const credit of credits) {
      const c = redLetterLineFigures(credit, left, 1300);
      expect(c.net + c.tax).toBe(credit);
      expect(c.tax).toBeGreaterThanOrEqual(0);
      expect(c.net).toBeGreaterThanOrEqual(0);
      left = { net: left.net - c.net, tax: left.tax - c.tax, total: left.total - c.total };
      expect(left.tax).toBeGreaterThanOrEqual(0);
      expect(left.net).toBeGreaterThanOrEqual(0);
    }
    const last = redLetterLineFigures(left.total, left, 1300);
    expect(last).toEqual(left);
    expect(() => redLetterLineFigures(left.total + 1, left, 1300)).toThrow(RangeError);
  });

  it('sums lines', () => {
    expect(invoiceTotals([invoiceLineFigures(113, 1300), invoiceLineFigures(106, 600)])).toEqual({
      net: 200,
      tax: 19,
      total: 219,
    });
  });
});
