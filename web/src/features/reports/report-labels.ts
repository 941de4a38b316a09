import {
  cellDictionaries,
  type DictionaryType,
  headingDictionaries,
  labelOfCode,
  type ReportColumn,
  type ReportDefinitionInput,
  type ReportResult,
  reportCellText,
  reportColumnTitle,
  reportFieldLabel,
  type ReportSource,
  type ReportSourceInfo,
  reportValueSection,
  type ReportWords,
  type Translate,
} from '@relate/common';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { dictionaryKeys } from '../../components/queries';
import { dictionariesApi } from '../../components/api';

type FieldInfo = ReportSourceInfo['fields'][number];

/** The words for a field's values that are codes of a fixed list (statuses, priorities, methods), by field. */
export const valueSection = reportValueSection;

/** The labels of these dictionaries' options, loaded as they are needed. */
function useDictionaryLabels(types: string[]) {
  const dictionaries = useQueries({
    queries: types.map((type) => ({
      queryKey: dictionaryKeys.options(type as DictionaryType),
      queryFn: () => dictionariesApi.options(type as DictionaryType),
      staleTime: 5 * 60_000,
    })),
  });
  const { locale } = useSession();
  return (type: string, code: string) => labelOfCode(dictionaries[types.indexOf(type)]?.data ?? [], code, locale);
}

/** The words of reports (see `ReportWords`) in the session's language. */
function useReportWords(fields: FieldInfo[], dictionaryTypes: string[]): ReportWords {
  const { t } = useTranslation();
  const { locale } = useSession();
  const dictionaryLabel = useDictionaryLabels(dictionaryTypes);
  return { t: t as Translate, locale, fields, dictionaryLabel };
}

/**
 * A field's name: a custom field's own, else as its list calls it, else the reports' own word for it,
 * else the field's code.
 */
export function useFieldLabel(source: ReportSource, fields: FieldInfo[] = []) {
  const words = useReportWords(fields, []);
  return (field: string) => reportFieldLabel(source, field, words);
}

/** A column's heading: the grouped field (with its period), or the measure and its field. */
export function useColumnTitle(source: ReportSource, fields: FieldInfo[] = [], definition?: ReportDefinitionInput) {
  const words = useReportWords(fields, headingDictionaries(definition, fields));
  return (column: ReportColumn) => reportColumnTitle(source, column, definition, words);
}

/**
 * How a cell reads: a group's dictionary label, a custom field's option, the word for a status or
 * the name of a user, department, customer or product; money in its currency, percentages with their
 * sign, an empty group as "(none)".
 */
export function useCellText(result: ReportResult | undefined, source?: ReportSource, fields: FieldInfo[] = []) {
  const words = useReportWords(fields, cellDictionaries(result));
  return (column: ReportColumn, row: Record<string, string | number | null>): string =>
    reportCellText(source, result, column, row, words);
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
