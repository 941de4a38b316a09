import { fromMinorUnits } from './money.ts';
import type {
  ReportColumn,
  ReportDefinitionInput,
  ReportResult,
  ReportSource,
  ReportSourceInfo,
} from './schemas/reports.ts';

/**
 * The words of a report — its column headings and cell texts — in a reader's language, the same in the
 * browser (through react-i18next) and on the server (a report sent by email, through i18next over the
 * same locale files).
 */

/** i18next's `t`, as both sides call it. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

type FieldInfo = ReportSourceInfo['fields'][number];

export type ReportWords = {
  t: Translate;
  locale: string;
  /** The source's fields, for custom fields' own names and options and the dictionaries of fields. */
  fields: FieldInfo[];
  /** A dictionary option's label in the reader's language; the code itself when there is none. */
  dictionaryLabel: (type: string, code: string) => string;
};

/** The translation section of a source's own field names. */
const sectionOf: Partial<Record<ReportSource, string>> = {
  receipts: 'payments',
  instalments: 'payments',
  orderLines: 'orders',
  surveyAnswers: 'surveys',
  campaignMembers: 'campaigns.members',
  calls: 'insight.calls',
};

/** The words for a field's values that are codes of a fixed list (statuses, priorities, methods), by field. */
export function reportValueSection(source: ReportSource, field: string): string | null {
  const section = sectionOf[source] ?? source;
  if (source === 'opportunities' && field === 'status') return 'search.opportunityStatuses';
  if (source === 'receipts' && field === 'status') return 'insight.receiptStatuses';
  if (field === 'status') return `${section}.statuses`;
  if (field === 'orderStatus') return 'orders.statuses';
  if (field === 'rfmClass') return 'customerValue.classes';
  if (source === 'tickets' && field === 'priority') return 'tickets.priorities';
  if (source === 'tickets' && field === 'channel') return 'tickets.channels';
  if (source === 'tickets' && field === 'severity') return 'tickets.severities';
  if (source === 'receipts' && field === 'method') return 'payments.methods';
  if (source === 'invoices' && field === 'type') return 'invoices.types';
  if (source === 'surveyAnswers' && field === 'channel') return 'surveys.channels';
  if (source === 'calls' && field === 'direction') return 'cti.direction';
  if (source === 'calls' && field === 'state') return 'insight.calls.states';
  if (source === 'campaignMembers' && field === 'campaignStatus') return 'campaigns.statuses';
  if (source === 'campaignMembers' && field === 'entity') return 'campaigns.members.entities';
  if (source === 'campaignMembers' && field === 'source') return 'campaigns.members.sources';
  return null;
}

/** A dictionary option's label: its name in the reader's language, or its code. */
export function labelOfCode(
  options: ReadonlyArray<{ code: string; labelZh: string; labelEn: string }>,
  code: string,
  locale: string,
): string {
  const option = options.find((o) => o.code === code);
  return option ? (locale === 'en' ? option.labelEn : option.labelZh) : code;
}

/**
 * A field's name: a custom field's own, else as its list calls it, else the reports' own word for it,
 * else the field's code.
 */
export function reportFieldLabel(source: ReportSource, field: string, { t, locale, fields }: ReportWords): string {
  const custom = fields.find((f) => f.name === field)?.custom;
  if (custom) return locale === 'en' ? custom.labelEn : custom.labelZh;
  return t(`${sectionOf[source] ?? source}.fields.${field}`, {
    defaultValue: t(`reports.fields.${field}`, { defaultValue: field }),
  });
}

/** The dictionaries whose labels a report's headings need: those of its measures' own filters. */
export function headingDictionaries(definition: ReportDefinitionInput | undefined, fields: FieldInfo[]): string[] {
  const dictionaryOf = (field: string) => fields.find((f) => f.name === field)?.dictionary ?? undefined;
  return [
    ...new Set((definition?.measures ?? []).flatMap((m) => m.where ?? []).flatMap((w) => dictionaryOf(w.field) ?? [])),
  ];
}

/** The dictionaries whose labels a report's cells need: those of its grouped dictionary fields. */
export function cellDictionaries(result: ReportResult | undefined): string[] {
  return [...new Set((result?.columns ?? []).flatMap((c) => (c.dictionary ? [c.dictionary] : [])))];
}

/** A column's heading: the grouped field (with its period), or the measure and its field. */
export function reportColumnTitle(
  source: ReportSource,
  column: ReportColumn,
  definition: ReportDefinitionInput | undefined,
  words: ReportWords,
): string {
  const { t, fields } = words;
  const fieldLabel = (field: string) => reportFieldLabel(source, field, words);
  /** A measure's own filter in words: "status: won, lost". */
  const condition = (index: number) => {
    const where = definition?.measures[index]?.where?.[0];
    if (!where || !('value' in where)) return '';
    const section = reportValueSection(source, where.field);
    const dictionary = fields.find((f) => f.name === where.field)?.dictionary;
    const values = (Array.isArray(where.value) ? where.value : [where.value]).map((v) =>
      dictionary
        ? words.dictionaryLabel(dictionary, String(v))
        : section
          ? t(`${section}.${v}`, { defaultValue: String(v) })
          : String(v),
    );
    return ` (${fieldLabel(where.field)}: ${values.join(', ')})`;
  };
  if (column.kind === 'group') {
    if (column.unit) return `${fieldLabel(column.field!)} (${t(`reports.units.${column.unit}`)})`;
    const level = /:level(\d+)$/.exec(column.key)?.[1];
    return level ? `${fieldLabel(column.field!)} (${t('reports.levelN', { level })})` : fieldLabel(column.field!);
  }
  const ratio = /^ratio:(\d+):(\d+)/.exec(column.key);
  const own = /:if(\d+)/.exec(column.key);
  const measure = ratio
    ? t('reports.ratioOf', { a: Number(ratio[1]) + 1, b: Number(ratio[2]) + 1 })
    : (column.aggregate === 'count'
        ? t('reports.aggregates.count')
        : `${t(`reports.aggregates.${column.aggregate}`)} · ${fieldLabel(column.field!)}`) +
      (own ? condition(Number(own[1])) : '');
  if (column.kind === 'share') return `${measure} %`;
  const compared = definition?.compare ?? 'previousPeriod';
  if (column.kind === 'previous') return `${measure} · ${t(`reports.compares.${compared}`)}`;
  if (column.kind === 'change') return `${measure} · ${t(`reports.changes.${compared}`)}`;
  return measure;
}

/** An amount in minor units as money in its currency, in the reader's locale. */
export function formatMoney(minorUnits: number, currency: string | null, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency ?? 'CNY',
    minimumFractionDigits: 2,
  }).format(Number(fromMinorUnits(minorUnits)));
}

/**
 * How a cell reads: a group's dictionary label, a custom field's option, the word for a status or
 * the name of a user, department, customer or product; money in its currency, percentages with their
 * sign, an empty group as "(none)".
 */
export function reportCellText(
  source: ReportSource | undefined,
  result: Pick<ReportResult, 'currency'> | undefined,
  column: ReportColumn,
  row: Record<string, string | number | null>,
  words: ReportWords,
): string {
  const { t, locale, fields } = words;
  const value = row[column.key];
  if (value === null || value === undefined) return column.kind === 'group' ? t('reports.none') : '-';
  if (column.kind === 'group') {
    const label = row[`${column.key}:label`];
    if (label !== undefined && label !== null) return String(label);
    if (column.dictionary) return words.dictionaryLabel(column.dictionary, String(value));
    const custom = fields.find((f) => f.name === column.field)?.custom;
    if (custom) return labelOfCode(custom.options, String(value), locale);
    const section = source && column.field ? reportValueSection(source, column.field) : null;
    if (section) return t(`${section}.${value}`, { defaultValue: String(value) });
    return String(value);
  }
  if (column.type === 'money') return formatMoney(Number(value), result?.currency ?? null, locale);
  if (column.type === 'percent')
    return `${column.kind === 'change' && Number(value) > 0 ? '+' : ''}${Number(value).toFixed(2)}%`;
  if (column.type === 'number') return Number(value).toLocaleString(locale);
  return String(value);
}
