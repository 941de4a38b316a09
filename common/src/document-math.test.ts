import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToString, divideRounded, documentFigures, scaled } from './document-math.ts';

const decimal = (maxWhole: number, places: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 10 ** places - 1 }))
    .map(([w, f]) => (places ? `${w}.${String(f).padStart(places, '0')}` : String(w)));
const percent = fc
  .integer({ min: 0, max: 10_000 })
  .map((bp) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);
const line = fc.record({
  quantity: decimal(10_000, 3),
  unitPrice: decimal(1_000_000, 4),
  discountPercent: percent,
  taxRate: fc.constantFrom('0', '6', '9', '13', '3.5'),
});
const cents = (text: string) => scaled(text.replace('-', ''), 2) * (text.startsWith('-') ? -1n : 1n);

describe('document totals', () => {
  it('computes awkward prices and discounts exactly', () => {
    const result = documentFigures(
      [
        { quantity: '3', unitPrice: '0.1', taxRate: '13' },
        { quantity: '1.5', unitPrice: '33.3333', discountPercent: '15', taxRate: '6' },
        { quantity: '7', unitPrice: '19.99', discountPercent: '12.5', taxRate: '13' },
      ],
      '5',
      'half_up',
    );
    // 0.30; 1.5 × 33.3333 × 0.85 = 42.4999575 → 42.50; 7 × 19.99 × 0.875 = 122.438… → 122.44
    expect(result.lines.map((l) => l.net)).toEqual(['0.30', '42.50', '122.44']);
    expect(result.subtotal).toBe('165.24');
    expect(result.discount).toBe('8.26');
    // Taxes on the discounted nets: 0.0370… → 0.04; 2.42249… → 2.42; 15.1219… → 15.12
    expect(result.tax).toBe('17.58');
    expect(result.total).toBe('174.56');
  });

  it('rounds halves by the chosen rule', () => {
    expect(divideRounded(5n, 2n, 'half_up')).toBe(3n);
    expect(divideRounded(5n, 2n, 'half_even')).toBe(2n);
    expect(divideRounded(7n, 2n, 'half_even')).toBe(4n);
    expect(documentFigures([{ quantity: '1', unitPrice: '0.125' }], null, 'half_even').subtotal).toBe('0.12');
    expect(documentFigures([{ quantity: '1', unitPrice: '0.125' }], null, 'half_up').subtotal).toBe('0.13');
  });

  it('refuses malformed numbers and discounts above 100 %', () => {
    expect(() => documentFigures([{ quantity: '1e3', unitPrice: '1' }], null, 'half_up')).toThrow(RangeError);
    expect(() => documentFigures([{ quantity: '1', unitPrice: '1.00001' }], null, 'half_up')).toThrow(RangeError);
    expect(() =>
      documentFigures([{ quantity: '1', unitPrice: '1', discountPercent: '100.01' }], null, 'half_up'),
    ).toThrow(RangeError);
  });

  it('keeps the totals consistent for any lines (property)', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        percent,
        fc.constantFrom('half_up' as const, 'half_even' as const),
        (lines, discount, rule) => {
          const result = documentFigures(lines, discount, rule);
          const sum = (values: string[]) => values.reduce((total, v) => total + cents(v), 0n);
          expect(cents(result.subtotal)).toBe(sum(result.lines.map((l) => l.net)));
          expect(cents(result.tax)).toBe(sum(result.lines.map((l) => l.tax)));
          expect(cents(result.total)).toBe(cents(result.subtotal) - cents(result.discount) + cents(result.tax));
          // Each line is within half a cent of its exact value, and a discount never raises the price.
          for (const [i, l] of lines.entries()) {
            const exact = scaled(l.quantity, 3) * scaled(l.unitPrice, 4) * (10_000n - scaled(l.discountPercent, 2));
            const diff = cents(result.lines[i].net) * 10n ** 9n - exact;
            expect(diff <= 5n * 10n ** 8n && diff >= -5n * 10n ** 8n).toBe(true);
          }
          expect(cents(result.discount) <= cents(result.subtotal)).toBe(true);
          // The same lines in another order give the same totals.
          const reversed = documentFigures([...lines].reverse(), discount, rule);
          expect([reversed.subtotal, reversed.tax, reversed.total]).toEqual([
            result.subtotal,
            result.tax,
            result.total,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('prints cents', () => {
    expect(centsToString(-5n)).toBe('-0.05');
    expect(centsToString(123456n)).toBe('1234.56');
  });
});
