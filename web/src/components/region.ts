/** Where a customer or lead is: the three levels the region picker chooses from. */
type Address = { province: string | null; city: string | null; district: string | null };

/** A form's values with the region picker in place of province, city and district. */
export type WithRegion<T> = Omit<T, keyof Address> & { region?: string[] };

/** A record's province, city and district as the region picker's value. */
export const regionOf = (record: Address) =>
  [record.province, record.city, record.district].filter(Boolean) as string[];

/** The region picker's value as the API takes it: province, city and district, null where none was chosen. */
export const addressOf = (region: string[] | undefined): Address => ({
  province: region?.[0] ?? null,
  city: region?.[1] ?? null,
  district: region?.[2] ?? null,
});
