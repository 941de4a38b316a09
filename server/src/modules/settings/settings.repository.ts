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
