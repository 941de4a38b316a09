import { describe, expect, it } from 'vitest';
import { isValidMobile, isValidPhone, parsePhone } from './phone.ts';

describe('telephone numbers', () => {
  it.each([
    ['13800138000', 'mobile', '13800138000'],
    ['+86 138-0013-8000', 'mobile', '13800138000'],
    ['8613800138000', 'mobile', '13800138000'],
    ['0086 139 1234 5678', 'mobile', '13912345678'],
    ['010-12345678', 'landline', '01012345678'],
    ['(021) 6888 1234', 'landline', '02168881234'],
    ['0571-8765-4321', 'landline', '057187654321'],
    ['0755-86001234 转 808', 'landline', '075586001234-808'],
    ['0755-86001234-808', 'landline', '075586001234-808'],
    ['020-83331234 ext. 12', 'landline', '02083331234-12'],
    ['+86 10 6552 9988', 'landline', '01065529988'],
    ['0591-2345678', 'landline', '05912345678'],
    ['400-810-8888', 'service', '4008108888'],
    ['+1 415 555 0100', 'international', '+14155550100'],
  ])('reads %s as a %s number %s', (input, kind, normalized) => {
    expect(parsePhone(input)).toEqual({ kind, normalized });
  });

  it.each([
    '12800138000', // no mobile network starts 12
    '1380013800', // ten digits
    '138001380001', // twelve digits
    '020-1234', // too short for a landline
    '12345678', // a landline without its area code
    '010-02345678', // a local number never starts with 0
    'abc',
    '138 0013 8000 转 12', // a mobile has no extension
    '+0 123',
  ])('refuses %s', (input) => {
    expect(isValidPhone(input)).toBe(false);
  });

  it('takes in a mobile field a Chinese mobile or +country, and no landline or service number', () => {
    for (const ok of ['13800138000', '+86 138 0013 8000', '+1 415 555 0100']) expect(isValidMobile(ok), ok).toBe(true);
    for (const bad of ['010-12345678', '0755-86001234转8', '400-810-8888', '+86 10 1234 5678', '1380013800'])
      expect(isValidMobile(bad), bad).toBe(false);
  });
});
