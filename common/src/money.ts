import { z } from 'zod';

/**
 * Amounts travel as exact decimal strings ("12345.67") and are stored as integers of the smallest
 * unit (fen, cents): never as floating point numbers.
 */
export const Amount = z
  .string()
  .trim()
  .regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'invalidAmount');

export function toMinorUnits(amount: string): number {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -minor : minor;
}

export function fromMinorUnits(minor: number): string {
  const negative = minor < 0;
  const abs = Math.abs(Math.round(minor));
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
