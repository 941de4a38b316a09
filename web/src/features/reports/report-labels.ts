import type {
  DictionaryType,
  ReportColumn,
  ReportDefinitionInput,
  ReportResult,
  ReportSource,
  ReportSourceInfo,
} from '@relate/common';
import { fromMinorUnits } from '@relate/common';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { labelOfCode } from '../../components/dictionaries';
import { dictionaryKeys } from '../../components/queries';
import { dictionariesApi } from '../../components/api';
import { useMoney } from '../../components/money';

/** The translation section of a source's own field names. */
const sectionOf: Partial<Record<ReportSource, string>> = {
  receipts: 'payments',
  instalments: 'payments',
  orderLines: 'orders',
};

type FieldInfo = ReportSourceInfo['fields'][number];

/** The words for a field's values that are codes of a fixed list (statuses, priorities, methods), by field. */
export function valueSection(source: ReportSource, field: string): string | null {
  const section = sectionOf[source] ?? source;
  if (field === 'status') return `${section}.statuses`;
  if (field === 'orderStatus') return 'orders.statuses';
  if (field === 'rfmClass') return 'customerValue.classes';
  if (source === 'tickets' && field === 'priority') return 'tickets.priorities';
  if (source === 'tickets' && field === 'channel') return 'tickets.channels';
  if (source === 'tickets' && field === 'severity') return 'tickets.severities';
  if (source === 'receipts' && field === 'method') return 'payments.methods';
  if (source === 'invoices' && field === 'type') return 'invoices.types';
  return null;
}

/**
 * A field's name: a custom field's own, else as its list calls it, else the reports' own word for it,
 * else the field's code.
 */
export function useFieldLabel(source: ReportSource, fields: FieldInfo[] = []) {
  const { t } = useTranslation();
  const { locale } = useSession();
  return (field: string) => {
    const custom = fields.find((f) => f.name === field)?.custom;
    if (custom) return locale === 'en' ? custom.labelEn : custom.labelZh;
    return t(`${sectionOf[source] ?? source}.fields.${field}`, {
      defaultValue: t(`reports.fields.${field}`, { defaultValue: field }),
    });
  };
}

/** A column's heading: the grouped field (with its period), or the measure and its field. */
export function useColumnTitle(source: ReportSource, fields: FieldInfo[] = [], definition?: ReportDefinitionInput) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel(source, fields);
  const { locale } = useSession();
  const dictionaryOf = (field: string) =>
    fields.find((f) => f.name === field)?.dictionary as DictionaryType | undefined;
  const types = [
    ...new Set((definition?.measures ?? []).flatMap((m) => m.where ?? []).flatMap((w) => dictionaryOf(w.field) ?? [])),
  ];
  const dictionaries = useQueries({
    queries: types.map((type) => ({
      queryKey: dictionaryKeys.options(type),
      queryFn: () => dictionariesApi.options(type),
      staleTime: 5 * 60_000,
    })),
  });
  /** A measure's own filter in words: "status: won, lost". */
  const condition = (index: number) => {
    const where = definition?.measures[index]?.where?.[0];
    if (!where || !('value' in where)) return '';
    const section = valueSection(source, where.field);
    const dictionary = dictionaryOf(where.field);
    const options = dictionary ? (dictionaries[types.indexOf(dictionary)]?.data ?? []) : [];
    const values = (Array.isArray(where.value) ? where.value : [where.value]).map((v) =>
      dictionary
        ? labelOfCode(options, String(v), locale)
        : section
          ? t(`${section}.${v}`, { defaultValue: String(v) })
          : String(v),
    );
    return ` (${fieldLabel(where.field)}: ${values.join(', ')})`;
  };
  return (column: ReportColumn) => {
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
  };
}

/**
 * How a cell reads: a group's dictionary label, a custom field's option, the word for a status or
 * the name of a user, department, customer or product; money in its currency, percentages with their
 * sign, an empty group as "(none)".
 */
export function useCellText(result: ReportResult | undefined, source?: ReportSource, fields: FieldInfo[] = []) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const money = useMoney();
  const dictionaryTypes = [
    ...new Set((result?.columns ?? []).flatMap((c) => (c.dictionary ? [c.dictionary as DictionaryType] : []))),
  ];
  const dictionaries = useQueries({
    queries: dictionaryTypes.map((type) => ({
      queryKey: dictionaryKeys.options(type),
      queryFn: () => dictionariesApi.options(type),
      staleTime: 5 * 60_000,
    })),
  });
  const labelOf = (type: string, code: string) =>
    labelOfCode(dictionaries[dictionaryTypes.indexOf(type as DictionaryType)]?.data ?? [], code, locale);
  return (column: ReportColumn, row: Record<string, string | number | null>): string => {
    const value = row[column.key];
    if (value === null || value === undefined) return column.kind === 'group' ? t('reports.none') : '-';
    if (column.kind === 'group') {
      const label = row[`${column.key}:label`];
      if (label !== undefined && label !== null) return String(label);
      if (column.dictionary) return labelOf(column.dictionary, String(value));
      const custom = fields.find((f) => f.name === column.field)?.custom;
      if (custom) return labelOfCode(custom.options, String(value), locale);
      const section = source && column.field ? valueSection(source, column.field) : null;
      if (section) return t(`${section}.${value}`, { defaultValue: String(value) });
      return String(value);
    }
    if (column.type === 'money') return money(fromMinorUnits(Number(value)), result?.currency ?? undefined);
    if (column.type === 'percent')
      return `${column.kind === 'change' && Number(value) > 0 ? '+' : ''}${Number(value).toFixed(2)}%`;
    if (column.type === 'number') return Number(value).toLocaleString(locale);
    return String(value);
  };
}

/**
 * The values a field may be filtered to, with their words: a dictionary's options, a custom field's
 * choices, or a fixed list's codes (statuses and the like); none for free text (typed instead).
 */
export function useValueOptions(source: ReportSource, field: string | undefined, fields: FieldInfo[]) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const info = fields.find((f) => f.name === field);
  const dictionary = info?.dictionary as DictionaryType | undefined;
  const options = useQuery({
    queryKey: dictionaryKeys.options(dictionary ?? ('customer_level' as DictionaryType)),
    queryFn: () => dictionariesApi.options(dictionary!),
    enabled: dictionary !== undefined,
    staleTime: 5 * 60_000,
  });
  if (!field || !info) return [];
  if (dictionary) return (options.data ?? []).map((o) => ({ value: o.code, label: labelOfCode([o], o.code, locale) }));
  if (info.custom) return info.custom.options.map((o) => ({ value: o.code, label: labelOfCode([o], o.code, locale) }));
  const section = valueSection(source, field);
  const words = section ? t(section, { returnObjects: true, defaultValue: {} }) : {};
  return typeof words === 'object' && words
    ? Object.entries(words as Record<string, string>).map(([value, label]) => ({ value, label }))
    : [];
}
