/** Percentages travel as exact decimal strings ("13", "6.5") and are stored in basis points (1300, 650). */
export function toBasisPoints(percent: string): number {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function fromBasisPoints(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = bp % 100;
  if (!fraction) return String(whole);
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}
