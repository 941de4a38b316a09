import {
  cellDictionaries,
  type DictionaryType,
  headingDictionaries,
  labelOfCode,
  type ReportColumn,
  type ReportDefinition,
  type ReportResult,
  reportCellText,
  reportColumnTitle,
  type ReportWords,
} from '@relate/common';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { wordsIn } from '../../platform/words.ts';
import { loadLookupOptions } from '../dictionaries/index.ts';
import { reportSourcesFor } from './reports.service.ts';

export type ReportTexts = {
  words: ReportWords;
  /** A column's heading, as the builder shows it. */
  title: (column: ReportColumn) => string;
  /** A cell's text, as the builder's table shows it. */
  text: (column: ReportColumn, row: Record<string, string | number | null>) => string;
};

/**
 * A report's headings and cell texts in a reader's language (their field names and the dictionaries'
 * labels), as the browser writes them: for the sheet sent by email and the PDF.
 */
export async function reportTexts(
  ctx: AppContext,
  actor: Actor,
  definition: ReportDefinition,
  result: ReportResult,
): Promise<ReportTexts> {
  const fields = (await reportSourcesFor(ctx, actor)).find((s) => s.source === definition.source)?.fields ?? [];
  const types = [...new Set([...cellDictionaries(result), ...headingDictionaries(definition, fields)])];
  const options = types.length ? await loadLookupOptions(ctx.db, types as DictionaryType[]) : [];
  const words: ReportWords = {
    t: wordsIn(actor.locale),
    locale: actor.locale,
    fields,
    dictionaryLabel: (type, code) =>
      labelOfCode(
        options.filter((o) => o.type === type),
        code,
        actor.locale,
      ),
  };
  return {
    words,
    title: (column) => reportColumnTitle(definition.source, column, definition, words),
    text: (column, row) => reportCellText(definition.source, result, column, row, words),
  };
}
