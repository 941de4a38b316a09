import { scaled } from '@relate/common';

/** Quantities are kept in thousandths of a unit, so partial deliveries and stock counts add up exactly. */
export function toMilli(quantity: string): number {
  return Number(scaled(quantity, 3));
}

/** Thousandths of a unit back to the shortest exact decimal ("2.5", "3", "-0.25"). */
export function quantityText(milli: number): string {
  const abs = Math.abs(Number(milli));
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  const whole = Math.floor(abs / 1000);
  return `${milli < 0 ? '-' : ''}${fraction ? `${whole}.${fraction}` : whole}`;
}
