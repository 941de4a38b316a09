import { describe, expect, it } from 'vitest';
import { pageTitle } from './page-title';
import { telHref } from './phone';

describe('telHref', () => {
  it('drops spaces, dashes, dots and brackets, keeping a leading +', () => {
    expect(telHref('138 0013 8000')).toBe('tel:13800138000');
    expect(telHref('0755-8888 6666')).toBe('tel:075588886666');
    expect(telHref('+86 (21) 5555-1234')).toBe('tel:+862155551234');
    expect(telHref('010.6666.8888')).toBe('tel:01066668888');
  });

  it('makes full-width digits and punctuation plain', () => {
    expect(telHref('０２１－６２３４５６７８')).toBe('tel:02162345678');
    expect(telHref('（０２１）6234 5678')).toBe('tel:02162345678');
  });

  it('has nothing to call without a digit', () => {
    expect(telHref(null)).toBeUndefined();
    expect(telHref(undefined)).toBeUndefined();
    expect(telHref('')).toBeUndefined();
    expect(telHref('  ')).toBeUndefined();
    expect(telHref('n/a')).toBeUndefined();
  });
});

describe('pageTitle', () => {
  it('names the record, the page and the company', () => {
    expect(pageTitle(['深圳龙腾科技有限公司', '客户'], 'Relate')).toBe('深圳龙腾科技有限公司 · 客户 · Relate');
    expect(pageTitle(['客户'], '龙腾')).toBe('客户 · 龙腾');
  });

  it('leaves out what is not loaded yet and falls back to Relate', () => {
    expect(pageTitle([undefined, '客户'], undefined)).toBe('客户 · Relate');
    expect(pageTitle([null, ''], '')).toBe('Relate');
  });
});
