import { divideRounded, scaled, type Settings } from '@relate/common';

/** An amount in cents of `currency` in cents of the company currency, by the settings' rate (units per company unit). */
export function toCompanyCurrency(
  minor: number,
  currency: string,
  settings: Pick<Settings, 'defaultCurrency' | 'currencies'>,
): number {
  if (currency === settings.defaultCurrency) return minor;
  const rate = settings.currencies.find((c) => c.code === currency)?.rate;
  if (!rate || scaled(rate, 8) === 0n) return minor;
  const negative = minor < 0;
  const converted = Number(divideRounded(BigInt(Math.abs(minor)) * 10n ** 8n, scaled(rate, 8), 'half_up'));
  return negative ? -converted : converted;
}
