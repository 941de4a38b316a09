import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mostPointsWithin,
  multiplierFromBp,
  multiplierToBp,
  pointsEarned,
  pointsValue,
  rateFromCenti,
  rateToCenti,
} from './loyalty-math.ts';

describe('loyalty math', () => {
  it('earns whole points, rounded down once at the end', () => {
    // 123.45 yuan at 1 point per yuan: 123; at 1.5×: 185.175 → 185.
    expect(pointsEarned(12345, 100, 10000)).toBe(123);
    expect(pointsEarned(12345, 100, 15000)).toBe(185);
    // 0.99 yuan earns nothing; 2 points per yuan at 1.25× on 10.01 yuan is 25.025 → 25.
    expect(pointsEarned(99, 100, 10000)).toBe(0);
    expect(pointsEarned(1001, 200, 12500)).toBe(25);
    expect(pointsEarned(-500, 100, 10000)).toBe(0);
    // Large sums stay exact (no floating point): ten billion yuan at 99.99 points per unit and 10×.
    expect(pointsEarned(1_000_000_000_000, 9999, 100000)).toBe(9_999_000_000_000);
  });

  it('values points by how many make one unit, and finds the most points a total can take', () => {
    expect(pointsValue(150, 100)).toBe(150);
    expect(pointsValue(1, 300)).toBe(0);
    expect(mostPointsWithin(101, 7)).toBe(7);
    expect(pointsValue(7, 7)).toBe(100);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (amount, perUnit) => {
        const most = mostPointsWithin(amount, perUnit);
        expect(pointsValue(most, perUnit)).toBeLessThanOrEqual(amount);
        expect(pointsValue(most + 1, perUnit)).toBeGreaterThan(amount);
      }),
    );
  });

  it('reads and writes rates and multipliers exactly', () => {
    expect(rateToCenti('1.25')).toBe(125);
    expect(rateFromCenti(125)).toBe('1.25');
    expect(rateFromCenti(100)).toBe('1');
    expect(multiplierToBp('1.5')).toBe(15000);
    expect(multiplierFromBp(15000)).toBe('1.5');
    expect(multiplierFromBp(12345)).toBe('1.2345');
  });
});
