import { z } from 'zod';
import { isValidMobile, isValidPhone } from '../phone.ts';
import { divisionCodePattern } from '../divisions.ts';

/** The largest id an integer column holds on both databases: larger ids are refused as input, not failed by the database. */
export const maxId = 2_147_483_647;
/** A record id in JSON. */
export const RecordId = z.number().int().positive().max(maxId);
/** A record id from a path or query string. */
export const Id = z.coerce.number().int().positive().max(maxId);
export const IdParams = z.object({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullish();

/** Optional free text: trimmed, empty string becomes null. */
export const OptionalText = optionalText(500);
export const OptionalLongText = optionalText(5000);
export const RequiredName = z.string().trim().min(1).max(200);
export const OptionalEmail = z
  .string()
  .trim()
  .max(200)
  .transform((value) => (value === '' ? null : value.toLowerCase()))
  .pipe(z.email().nullable())
  .nullish();
export const OptionalPhone = z
  .string()
  .trim()
  .max(50)
  .regex(/^[0-9+()\-\s#*]*$/)
  .transform((value) => (value === '' ? null : value))
  .nullish();
/**
 * A telephone number checked for its form (common/phone.ts): a mobile (1[3-9] and nine digits, +86 or
 * not), a landline with its area code and extension, 400/800, or +country.
 */
export const CheckedPhone = z
  .string()
  .trim()
  .max(50)
  .refine((v) => v === '' || isValidPhone(v), 'invalidPhone')
  .transform((v) => (v === '' ? null : v))
  .nullish();
/** A mobile field's number (common/phone.ts `isValidMobile`): a Chinese mobile, or +country. */
export const CheckedMobile = z
  .string()
  .trim()
  .max(50)
  .refine((v) => v === '' || isValidMobile(v), 'invalidMobile')
  .transform((v) => (v === '' ? null : v))
  .nullish();
/** The code of a dictionary option (industry, source, level …); the server checks that it exists. */
export const DictionaryCode = z.string().trim().max(50).nullish();

/** A postal address, as customers and leads have it: every part optional. */
export const AddressInput = z.object({
  country: OptionalText,
  province: OptionalText,
  city: OptionalText,
  district: OptionalText,
  /**
   * The GB/T 2260 code of the most specific division chosen (six digits; nine for a town of a city without
   * districts); it names province, city and district.
   */
  divisionCode: z.string().trim().regex(divisionCodePattern, 'invalidDivisionCode').nullish(),
  address: OptionalText,
});
/** The same address as the API shows it. */
export const Address = z.object({
  country: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  divisionCode: z.string().nullable(),
  address: z.string().nullable(),
});

export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });

export const SortParam = z
  .string()
  .regex(/^[a-zA-Z]+:(asc|desc)$/)
  .optional();

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: SortParam,
  q: z.string().trim().max(100).optional(),
  /**
   * `exact`: count every match, however many; otherwise a long list is counted up to a cap (see `totalCapped`).
   * `glance`: a quick look, as the global search takes one: counted up to 100, and a search lists its
   * newest matches first.
   */
  count: z.enum(['exact', 'glance']).optional(),
  /**
   * The `nextCursor` of the page before: the page then starts right after that page's last row (a walk
   * of the sort's index instead of skipping every earlier row). A cursor of another page, sort or
   * filter is ignored and the page is read by its number.
   */
  cursor: z
    .string()
    .max(2000)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/**
 * `totalCapped`: there are at least `total` matches — a long list or a search found in much of it is
 * not counted to the end unless asked (`count=exact`); below the cap the total is always exact.
 */
export type Page<T> = {
  items: T[];
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  /** Given as `cursor` with the next page's number, reads that page from where this one ends. */
  nextCursor?: string;
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
    nextCursor: z.string().optional(),
  });
}

/** Accepts `a,b` or repeated query keys for list filters. */
export const CsvList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean))
  .optional();

/** A comma-separated list (or repeated parameter) of values of an enumeration, e.g. `status=draft,sent`. */
export function EnumList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();
}

export const IdList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((v) => Number(v.trim())))
  .pipe(z.array(RecordId))
  .optional();

export const DateRangeFrom = z.iso.date().optional();
