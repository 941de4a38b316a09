import type { DictionaryType, UnknownImportValues } from '@relate/common';
import { valueKey } from './dictionary-values.ts';
import type { ImportField } from './import-fields.ts';

/** How many unknown values of a column the preview lists (the most frequent), and keeps count of. */
const listedValues = 200;
const countedValues = 5000;
/** How many of a value's rows the preview names. */
const rowsListed = 5;

/** Counts, per dictionary column, the values that match no option (by value key, spelt as first met). */
export function unknownValueCounter(
  fields: ImportField[],
  mapping: Array<string | null>,
  lookup: (t: DictionaryType, v: string) => string | null,
) {
  const columns = mapping.flatMap((key, index) => {
    const field = fields.find((f) => f.key === key);
    return field?.dictionary
      ? [
          {
            index,
            field,
            type: field.dictionary,
            counts: new Map<string, { value: string; count: number; rows: number[] }>(),
            uncounted: 0,
          },
        ]
      : [];
  });
  return {
    add({ numbers, rows }: { numbers: number[]; rows: string[][] }) {
      for (const column of columns) {
        for (const [i, row] of rows.entries()) {
          const value = row[column.index]?.trim();
          if (!value || lookup(column.type, value)) continue;
          const key = valueKey(value);
          const entry = column.counts.get(key);
          if (entry) {
            entry.count++;
            if (entry.rows.length < rowsListed) entry.rows.push(numbers[i]);
          } else if (column.counts.size < countedValues)
            column.counts.set(key, { value, count: 1, rows: [numbers[i]] });
          else column.uncounted++;
        }
      }
    },
    result(headers: string[]): UnknownImportValues[] {
      return columns
        .filter((column) => column.counts.size)
        .map((column) => {
          const values = [...column.counts.values()].sort((a, b) => b.count - a.count).slice(0, listedValues);
          return {
            field: column.field.key,
            column: headers[column.index],
            dictionary: column.type,
            values,
            more: column.counts.size - values.length + (column.uncounted ? 1 : 0),
          };
        });
    },
  };
}
