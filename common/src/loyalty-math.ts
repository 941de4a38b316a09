import { scaled } from './document-math.ts';

/**
 * Points arithmetic, exact: money in minor units (fen), the earning rate in hundredths of a point per
 * currency unit, a level's multiplier in basis points (10000 = 1×); every product is taken in BigInt and
 * rounded down once, at the end, so no fraction of a point is ever given.
 */

/** "1.25" → 125 (hundredths of a point per currency unit). */
export const rateToCenti = (rate: string): number => Number(scaled(rate, 2));
/** 125 → "1.25". */
export const rateFromCenti = (centi: number): string => trimDecimal(centi, 2);

/** "1.5" → 15000 (basis points of the points). */
export const multiplierToBp = (multiplier: string): number => Number(scaled(multiplier, 4));
/** 15000 → "1.5". */
export const multiplierFromBp = (bp: number): string => trimDecimal(bp, 4);

function trimDecimal(value: number, decimals: number): string {
  const unit = 10 ** decimals;
  const whole = Math.floor(value / unit);
  const fraction = String(value % unit)
    .padStart(decimals, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * The points a spend earns: spend (minor units) × rate (hundredths of a point per unit, a unit being 100
 * minor units) × multiplier (basis points), rounded down: 123.45 yuan at 1 point per yuan and 1.5× is 185.
 */
export function pointsEarned(spendMinor: number, rateCenti: number, multiplierBp: number): number {
  if (spendMinor <= 0) return 0;
  return Number((BigInt(spendMinor) * BigInt(rateCenti) * BigInt(multiplierBp)) / 100_000_000n);
}

/** The amount (minor units) that points are worth when `pointsPerUnit` points make one currency unit, rounded down. */
export function pointsValue(points: number, pointsPerUnit: number): number {
  if (points <= 0) return 0;
  return Number((BigInt(points) * 100n) / BigInt(pointsPerUnit));
}

/** The most points worth no more than `amountMinor` at that value (what a document's whole total can take). */
export function mostPointsWithin(amountMinor: number, pointsPerUnit: number): number {
  if (amountMinor <= 0) return 0;
  return Number(((BigInt(amountMinor) + 1n) * BigInt(pointsPerUnit) - 1n) / 100n);
}
