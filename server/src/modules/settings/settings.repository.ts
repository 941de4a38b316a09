import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson, writeJson } from '../../db/json.ts';

/** Settings kept in their own rows and read on their own (the logo image, the mail server). */
const separateKeys = ['companyLogo'];

export async function readStoredSettings(db: Kysely<DB>): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'not in', separateKeys).execute();
  return Object.fromEntries(rows.map((row) => [row.key, readJson(row.value, null)]));
}

export async function writeSettings(db: Kysely<DB>, values: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await db
      .insertInto('settings')
      .values({ key, value: writeJson(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: writeJson(value) }))
      .execute();
  }
}

/** The value of one setting kept in its own row, or null when it has none. */
export async function readSetting<T>(db: Kysely<DB>, key: string): Promise<T | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? readJson<T | null>(row.value, null) : null;
}

export function deleteSetting(db: Kysely<DB>, key: string) {
  return db.deleteFrom('settings').where('key', '=', key).execute();
}
