import {
  campaignMemberStatuses,
  campaignStatuses,
  contractStatuses,
  invoiceStatuses,
  leadStatuses,
  orderStatuses,
  quoteStatuses,
  receiptStatuses,
  type ReportSource,
  reportColumnTitle,
  reportValueSection,
  stageKinds,
  ticketStatuses,
  type Translate,
  workOrderStatuses,
} from '@relate/common';
import { describe, expect, it } from 'vitest';
import en from '../../../../common/locales/en.json' with { type: 'json' };
import zh from '../../../../common/locales/zh-CN.json' with { type: 'json' };
import { reportSourceSpecs } from './report-sources.ts';

/** A `t` over one locale file: the text at a dotted key, `{{name}}` filled in, else the default. */
const translator =
  (messages: unknown): Translate =>
  (key, options = {}) => {
    const found = key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)?.[part], messages);
    if (typeof found !== 'string') return String(options.defaultValue ?? key);
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''));
  };

const statuses: Partial<Record<ReportSource, readonly string[]>> = {
  leads: leadStatuses,
  opportunities: stageKinds,
  quotes: quoteStatuses,
  orders: orderStatuses,
  receipts: receiptStatuses,
  invoices: invoiceStatuses,
  contracts: contractStatuses,
  tickets: ticketStatuses,
  workOrders: workOrderStatuses,
  campaigns: campaignStatuses,
  campaignMembers: campaignMemberStatuses,
};

/** A measure counted over part of the records reads the part in words: "Count (Status: Won)". */
describe('report headings of measures with their own filter', () => {
  it('knows the statuses of every source that has them', () => {
    const withStatus = Object.entries(reportSourceSpecs).flatMap(([source, spec]) =>
      'status' in spec.fields ? [source] : [],
    );
    expect(withStatus.sort()).toEqual(Object.keys(statuses).sort());
  });

  for (const [locale, messages] of [
    ['en', en],
    ['zh-CN', zh],
  ] as const) {
    const t = translator(messages);
    it(`names each status in words in ${locale}`, () => {
      for (const [source, values] of Object.entries(statuses) as Array<[ReportSource, readonly string[]]>) {
        const section = reportValueSection(source, 'status')!;
        for (const value of values) {
          const title = reportColumnTitle(
            source,
            {
              key: 'count:if0',
              kind: 'measure',
              field: null,
              type: 'number',
              aggregate: 'count',
              unit: null,
              dictionary: null,
            },
            { source, measures: [{ aggregate: 'count', where: [{ field: 'status', op: 'eq', value }] }] },
            { t, locale, fields: [], dictionaryLabel: (_, code) => code },
          );
          expect(t(`${section}.${value}`, { defaultValue: '' }), `${source}.${value}`).not.toBe('');
          expect(title, `${source}.${value}`).not.toContain(value);
        }
      }
    });
  }

  it('reads the win-rate widget’s heading as a person would', () => {
    const title = (messages: unknown, locale: string) =>
      reportColumnTitle(
        'opportunities',
        {
          key: 'count:if0',
          kind: 'measure',
          field: null,
          type: 'number',
          aggregate: 'count',
          unit: null,
          dictionary: null,
        },
        {
          source: 'opportunities',
          measures: [{ aggregate: 'count', where: [{ field: 'status', op: 'eq', value: 'won' }] }],
        },
        { t: translator(messages), locale, fields: [], dictionaryLabel: (_, code) => code },
      );
    expect(title(en, 'en')).toBe('Count (Status: Won)');
    expect(title(zh, 'zh-CN')).toBe('计数 (状态: 赢单)');
  });
});
