import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustmentOf,
  attainmentOf,
  commissionOf,
  decimalOf,
  multiplierFor,
  type PlanRate,
  rateFor,
  splitByWeights,
} from './rules.ts';

describe('commission arithmetic', () => {
  it('splits an amount by weights into parts that always add up to it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 8 }),
        (amount, weights) => {
          const parts = splitByWeights(
            amount,
            weights.map((w, i) => [i, w] as [number, number]),
          );
          expect(parts.reduce((sum, [, part]) => sum + part, 0)).toBe(amount);
          expect(parts.every(([, part]) => (amount >= 0 ? part >= 0 : part <= 0))).toBe(true);
        },
      ),
    );
    // 100 in thirds: 33.34, 33.33, 33.33 — the first of equal remainders takes the unit left.
    expect(
      splitByWeights(10000, [
        ['a', 1],
        ['b', 1],
        ['c', 1],
      ]),
    ).toEqual([
      ['a', 3334],
      ['b', 3333],
      ['c', 3333],
    ]);
  });

  it('rounds half away from zero, so a whole reversal is exactly the line, negative', () => {
    expect(commissionOf(33333, 100, 12000)).toBe(400); // 333.33 × 1 % × 1.2 = 3.99996
    expect(commissionOf(125, 200, 10000)).toBe(3); // 1.25 × 2 % = 0.025 → 0.03
    expect(commissionOf(-125, 200, 10000)).toBe(-3);
    expect(commissionOf(125, 100, 10000)).toBe(1); // 0.0125 → 0.01
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 100000 }),
        (base, rate, multiplier) => commissionOf(-base, rate, multiplier) === -commissionOf(base, rate, multiplier),
      ),
    );
  });

  it('chooses the most specific rate: category over level, the nearer category first, the level within it', () => {
    const rates: PlanRate[] = [
      { categoryId: null, customerLevel: null, rateBp: 100 },
      { categoryId: null, customerLevel: 'A', rateBp: 200 },
      { categoryId: 1, customerLevel: null, rateBp: 300 },
      { categoryId: 1, customerLevel: 'A', rateBp: 400 },
      { categoryId: 2, customerLevel: null, rateBp: 500 },
    ];
    // Category 3 under 1 under nothing; 2 has a rate of its own.
    expect(rateFor(rates, [3, 1], 'A')?.rateBp).toBe(400);
    expect(rateFor(rates, [3, 1], 'B')?.rateBp).toBe(300);
    expect(rateFor(rates, [2], 'A')?.rateBp).toBe(500);
    expect(rateFor(rates, [], 'A')?.rateBp).toBe(200);
    expect(rateFor(rates, [9], null)?.rateBp).toBe(100);
    expect(rateFor(rates.slice(2), [9], 'A')).toBeNull();
  });

  it('gives the tier reached exactly at its threshold, and 1× without a target or tiers', () => {
    const tiers = [
      { fromBp: 0, multiplierBp: 5000 },
      { fromBp: 8000, multiplierBp: 10000 },
      { fromBp: 10000, multiplierBp: 12000 },
    ];
    expect(multiplierFor(tiers, 79_999, 100_000)).toBe(5000);
    expect(multiplierFor(tiers, 80_000, 100_000)).toBe(10000);
    expect(multiplierFor(tiers, 100_000, 100_000)).toBe(12000);
    expect(multiplierFor(tiers, 100_000, null)).toBe(10000);
    expect(multiplierFor([], 100_000, 100_000)).toBe(10000);
    expect(attainmentOf(2, 3)).toBe(6666);
    expect(decimalOf(6666, 2)).toBe('66.66');
    expect(decimalOf(-5, 2)).toBe('-0.05');
    expect(decimalOf(12500, 4)).toBe('1.25');
  });

  it('takes back from a capped statement only what the cap let it pay', () => {
    // 110 of lines capped at 100: a reversal of 30 leaves 80 → −20; a second of 30 leaves 50 → −30.
    expect(adjustmentOf(11000, 10000, 0, -3000)).toBe(-2000);
    expect(adjustmentOf(11000, 10000, -3000, -3000)).toBe(-3000);
    expect(adjustmentOf(11000, null, 0, -3000)).toBe(-3000);
    // Far over the cap, a small reversal changes nothing that was paid.
    expect(adjustmentOf(50000, 10000, 0, -3000)).toBe(0);
  });
});
