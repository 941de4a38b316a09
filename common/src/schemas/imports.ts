import { z } from 'zod';

/**
 * What to do with one value of a dictionary column that matches no option: map it to an existing
 * option (by code), add it as a new option (labelled with the value itself; needs `dictionaries.manage`),
 * or import the row with the field left empty.
 */
export const ImportValueChoice = z.discriminatedUnion('action', [
  z.object({ action: z.literal('map'), code: z.string().trim().min(1).max(50) }),
  z.object({ action: z.literal('add') }),
  z.object({ action: z.literal('empty') }),
]);
export type ImportValueChoice = z.infer<typeof ImportValueChoice>;

/**
 * The choices for a file's unknown dictionary values: `{ [field]: { [fileValue]: choice } }`. A value is
 * matched ignoring case and spaces, as the dictionaries match labels; an unknown value with no choice
 * still rejects its row.
 */
export const ImportValueMap = z
  .record(z.string().max(50), z.record(z.string().max(200), ImportValueChoice))
  .refine((map) => Object.values(map).reduce((n, values) => n + Object.keys(values).length, 0) <= 2000, {
    message: 'tooMany',
  });
export type ImportValueMap = z.infer<typeof ImportValueMap>;

/** One dictionary column's values that match no option, each with the number of rows holding it. */
export const UnknownImportValues = z.object({
  field: z.string(),
  /** The file's header of the column. */
  column: z.string(),
  dictionary: z.string(),
  /** Each value as first spelt in the file, its number of rows and the first of them (numbered as the sheet shows them). */
  values: z.array(z.object({ value: z.string(), count: z.number(), rows: z.array(z.number()) })),
  /** How many more distinct unknown values the column holds beyond those listed. */
  more: z.number(),
});
export type UnknownImportValues = z.infer<typeof UnknownImportValues>;

/** An uploaded file as the import wizard shows it before anything is imported. */
export const ImportPreview = z.object({
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  sample: z.array(z.array(z.string())),
  total: z.number(),
  fields: z.array(
    z.object({
      key: z.string(),
      zh: z.string(),
      en: z.string(),
      required: z.boolean(),
      dictionary: z.string().nullable(),
    }),
  ),
  /** Per dictionary column of the mapping, the values that match no option (most frequent first). */
  unknownValues: z.array(UnknownImportValues),
  /** Whether the caller may add options to the dictionaries (a valueMap `add` choice). */
  canAddOptions: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
