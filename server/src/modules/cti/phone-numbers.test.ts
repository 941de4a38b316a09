import { describe, expect, it } from 'vitest';
import { normalizeNumber, sameNumber, searchDigitsOf } from './phone-numbers.ts';

describe('caller numbers', () => {
  it('brings mobiles, landlines and numbers with an extension to one form', () => {
    for (const raw of ['13800138000', '+86 138 0013 8000', '008613800138000', '8613800138000', '138-0013-8000'])
      expect(normalizeNumber(raw)).toBe('13800138000');
    for (const raw of [
      '010-62345678',
      '(010) 6234 5678',
      '+86 10 6234 5678',
      '010-62345678-801',
      '010 62345678 转 801',
    ])
      expect(normalizeNumber(raw)).toBe('01062345678');
    expect(normalizeNumber('62345678', '010')).toBe('01062345678');
    expect(normalizeNumber('62345678')).toBe('62345678');
    expect(normalizeNumber('0755-88886666')).toBe('075588886666');
    expect(normalizeNumber('8001')).toBe('8001');
    expect(normalizeNumber('+1 415 555 0100')).toBe('14155550100');
  });

  it('searches a landline by its local part and matches it whichever way it was written', () => {
    expect(searchDigitsOf('01062345678')).toBe('62345678');
    expect(searchDigitsOf('075588886666')).toBe('88886666');
    expect(searchDigitsOf('13800138000')).toBe('13800138000');
    expect(sameNumber('6234 5678', '01062345678', '010')).toBe(true);
    expect(sameNumber('6234 5678', '01062345678', '021')).toBe(false);
    expect(sameNumber('010-62345678 ext. 12', '01062345678')).toBe(true);
  });
});
