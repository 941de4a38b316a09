import { divideRounded } from '@relate/common';

/**
 * The arithmetic of commission, exact: money in integer minor units, rates in basis points (350 = 3.5 %),
 * multipliers in ten-thousandths (12500 = 1.25×), attainment in hundredths of a percent (8000 = 80 %), every
 * product taken in BigInt. Nothing here reads the database; statements.service.ts applies it.
 */

export const oneTimes = 10_000;

/**
 * base × rate × multiplier, rounded to the minor unit half away from zero: a reversal of a whole line
 * (the same base, negative) is exactly the line's amount, negative.
 */
export function commissionOf(base: number, rateBp: number, multiplierBp: number): number {
  const exact = BigInt(Math.abs(base)) * BigInt(rateBp) * BigInt(multiplierBp);
  const rounded = Number(divideRounded(exact, 100_000_000n, 'half_up'));
  return base < 0 ? -rounded : rounded;
}

/**
 * Splits an amount in proportion to weights (an order's lines per category), exactly: each part is cut
 * down to the minor unit and what is left goes a unit at a time to the largest remainders (the first of
 * equal ones first), so the parts always add up to the amount. Without any weight, all goes to the first key.
 */
export function splitByWeights<K>(amount: number, weights: Array<[K, number]>): Array<[K, number]> {
  const total = weights.reduce((sum, [, weight]) => sum + BigInt(weight), 0n);
  if (total <= 0n) return weights.length ? [[weights[0][0], amount]] : [];
  const whole = BigInt(Math.abs(amount));
  const parts = weights.map(([key, weight], index) => {
    const exact = whole * BigInt(weight);
    return { key, index, share: exact / total, remainder: exact % total };
  });
  let left = whole - parts.reduce((sum, p) => sum + p.share, 0n);
  for (const part of [...parts].sort((a, b) =>
    b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index,
  )) {
    if (left === 0n) break;
    part.share += 1n;
    left -= 1n;
  }
  const sign = amount < 0 ? -1 : 1;
  return parts.map((p) => [p.key, sign * Number(p.share)]);
}

export type PlanRate = { categoryId: number | null; customerLevel: string | null; rateBp: number };

/**
 * The rate of a line: the most specific rate that matches wins. A rate for a category beats any rate
 * without one; the product's own category beats its parent, the parent its grandparent; for the same
 * category (or none), a rate for the customer's level beats one for every level. The rate with neither is
 * the default; with no rate matching, the line is not commissioned.
 */
export function rateFor(rates: PlanRate[], categoryChain: number[], customerLevel: string | null): PlanRate | null {
  for (const categoryId of [...categoryChain, null]) {
    const ofCategory = rates.filter((r) => r.categoryId === categoryId);
    const found =
      (customerLevel !== null && ofCategory.find((r) => r.customerLevel === customerLevel)) ||
      ofCategory.find((r) => r.customerLevel === null);
    if (found) return found;
  }
  return null;
}

/** achieved ÷ target in hundredths of a percent, cut off (not rounded); null without a positive target. */
export function attainmentOf(achieved: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Number((BigInt(Math.max(achieved, 0)) * 10_000n) / BigInt(target));
}

/**
 * The multiplier of the tier reached: the highest threshold at or below the attainment (exact: achieved ×
 * 10 000 ≥ threshold × target). Without tiers, or without a target for the month, lines count at their
 * rate (1×).
 */
export function multiplierFor(
  tiers: Array<{ fromBp: number; multiplierBp: number }>,
  achieved: number,
  target: number | null,
): number {
  if (!tiers.length || target === null || target <= 0) return oneTimes;
  const reached = tiers.filter(
    (tier) => BigInt(Math.max(achieved, 0)) * 10_000n >= BigInt(tier.fromBp) * BigInt(target),
  );
  return reached.length ? reached[reached.length - 1].multiplierBp : oneTimes;
}

/** What a statement pays for its own lines: their sum, at most the cap. */
export function cappedOf(gross: number, cap: number | null): number {
  return cap === null ? gross : Math.min(gross, cap);
}

/**
 * What an adjustment takes back from a locked statement: the reversal (negative) as the statement pays
 * it. A statement whose lines passed its cap paid only the cap, so the part of a reversal the cap had
 * withheld anyway is not taken back. `reversedSoFar` is the sum (≤ 0) of the statement's earlier reversals.
 */
export function adjustmentOf(gross: number, cap: number | null, reversedSoFar: number, reversal: number): number {
  return cappedOf(gross + reversedSoFar + reversal, cap) - cappedOf(gross + reversedSoFar, cap);
}

/** "3.5" from 350 basis points; "1.25" from 12500 ten-thousandths; "87.5" from 8750 hundredths of a percent. */
export function decimalOf(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const whole = Math.trunc(value / scale);
  const fraction = String(Math.abs(value % scale))
    .padStart(decimals, '0')
    .replace(/0+$/, '');
  return `${value < 0 && whole === 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
