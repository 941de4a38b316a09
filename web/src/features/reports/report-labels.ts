import type { DictionaryType, ReportColumn, ReportResult, ReportSource } from '@relate/common';
import { fromMinorUnits } from '@relate/common';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { labelOfCode } from '../../components/dictionaries';
import { dictionaryKeys } from '../../components/queries';
import { dictionariesApi } from '../../components/api';
import { useMoney } from '../../components/money';

/** The translation section of a source's own field names. */
const sectionOf: Partial<Record<ReportSource, string>> = { receipts: 'payments' };

/** A field's name as its list calls it, else the reports' own word for it, else the field's code. */
export function useFieldLabel(source: ReportSource) {
  const { t } = useTranslation();
  return (field: string) =>
    t(`${sectionOf[source] ?? source}.fields.${field}`, {
      defaultValue: t(`reports.fields.${field}`, { defaultValue: field }),
    });
}

/** A column's heading: the grouped field (with its period), or the measure and its field. */
export function useColumnTitle(source: ReportSource) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel(source);
  return (column: ReportColumn) => {
    if (column.kind === 'group')
      return column.unit
        ? `${fieldLabel(column.field!)} (${t(`reports.units.${column.unit}`)})`
        : fieldLabel(column.field!);
    const measure =
      column.aggregate === 'count'
        ? t('reports.aggregates.count')
        : `${t(`reports.aggregates.${column.aggregate}`)} · ${fieldLabel(column.field!)}`;
    return column.kind === 'share' ? `${measure} %` : measure;
  };
}

/**
 * How a cell reads: a group's dictionary label or the user's or department's name, money in its
 * currency, percentages with their sign, an empty group as "(none)".
 */
export function useCellText(result: ReportResult | undefined) {
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
      return String(value);
    }
    if (column.type === 'money') return money(fromMinorUnits(Number(value)), result?.currency ?? undefined);
    if (column.type === 'percent') return `${Number(value).toFixed(2)}%`;
    if (column.type === 'number') return Number(value).toLocaleString(locale);
    return String(value);
  };
}
