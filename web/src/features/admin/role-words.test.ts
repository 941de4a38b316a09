import en from '@relate/common/locales/en.json';
import zhCN from '@relate/common/locales/zh-CN.json';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

async function translator(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

describe('counts in words', () => {
  it('says “1 user” and “2 users” in English, and the same words for any count in Chinese', async () => {
    const enT = await translator('en');
    expect(enT('insight.roleUserCount', { count: 1 })).toBe('1 user');
    expect(enT('insight.roleUserCount', { count: 2 })).toBe('2 users');
    expect(enT('insight.roleUserCount', { count: 0 })).toBe('0 users');
    const zhT = await translator('zh-CN');
    expect(zhT('insight.roleUserCount', { count: 1 })).toBe('1 个用户');
    expect(zhT('insight.roleUserCount', { count: 3 })).toBe('3 个用户');
  });

  it('says how many customers a run of churn risk found in the right number', async () => {
    const enT = await translator('en');
    expect(enT('insight.churnRecomputed', { count: 1 })).toBe('Computed: 1 customer with a broken order rhythm');
    expect(enT('insight.recordsTotal', { count: 1, field: 'Amount' })).toBe('Total Amount of the 1 record');
  });
});
