import en from '@relate/common/locales/en.json';
import zhCN from '@relate/common/locales/zh-CN.json';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { scheduleSummary, scheduleWhen } from './schedule-text';

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

const weekly = { frequency: 'weekly' as const, weekday: 1, monthDay: null, hour: 8, recipientIds: [3, 4] };

describe('email schedule in words', () => {
  it('says when and to how many people, in Chinese', async () => {
    const t = await translator('zh-CN');
    expect(scheduleSummary(weekly, t)).toBe('每周一 08:00 · 2 人');
    expect(scheduleWhen({ ...weekly, frequency: 'daily', hour: 0 }, t)).toBe('每天 00:00');
    expect(scheduleWhen({ ...weekly, frequency: 'monthly', monthDay: 28, hour: 23 }, t)).toBe('每月 28 日 23:00');
  });

  it('says when and to how many people, in English', async () => {
    const t = await translator('en');
    expect(scheduleSummary(weekly, t)).toBe('Weekly on Monday 08:00 · 2 people');
    expect(scheduleSummary({ ...weekly, weekday: 7, recipientIds: [3] }, t)).toBe('Weekly on Sunday 08:00 · 1 person');
    expect(scheduleWhen({ ...weekly, frequency: 'monthly', monthDay: 1, hour: 9 }, t)).toBe('Monthly on day 1 09:00');
  });
});
