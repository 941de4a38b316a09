import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isCreditCode, isTaxpayerNumber } from './credit-code.ts';

describe('unified social credit codes (GB 32100-2015)', () => {
  it.each([
    '91350100M000100Y43',
    '91110108551385082Q',
    '91440300708461136T',
    '914403001922038216',
    '91330100799655058B',
    '91110000802100433B',
  ])('accepts %s, whose check character is right', (code) => {
    expect(isCreditCode(code)).toBe(true);
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['91350100M000100Y44', 'a wrong check character'],
    ['91110108551385082R', 'another wrong check character'],
    ['91350100M000100Y4', 'seventeen characters'],
    ['91350100M000I00Y43', 'an I, which the code never uses'],
    ['9135010OM000100Y43', 'a letter among the six digits of the division code'],
    ['91350100m000100y43', 'lower case (the schema upper-cases before checking)'],
  ])('refuses %s (%s)', (code) => {
    expect(isCreditCode(code)).toBe(false);
  });

  it('computes a check character of 0 where 31 − remainder is 31', () => {
    // This body's weighted sum is a multiple of 31: its check character is 0, never "31".
    const body = '91110000100000002';
    expect(creditCodeCheckCharacter(body)).toBe('0');
  });

  it('takes older 15- and 20-character taxpayer numbers but checks every 18-character one', () => {
    expect(isTaxpayerNumber('110108551385082')).toBe(true);
    expect(isTaxpayerNumber('11010855138508200A')).toBe(false);
    expect(isTaxpayerNumber('91110108551385082Q')).toBe(true);
  });
});
