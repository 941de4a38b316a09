import { defaultSettings, Settings, type Settings as SettingsType } from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { readStoredSettings, writeSettings } from './settings.repository.ts';

/** Company-wide settings: stored values over defaults, so new settings need no migration. */
export async function getSettings(db: Kysely<DB>): Promise<SettingsType> {
  const stored = await readStoredSettings(db);
  const merged = { ...defaultSettings, ...stored };
  const parsed = Settings.safeParse(merged);
  return parsed.success ? parsed.data : defaultSettings;
}

/** Changes some settings and records each changed value in the audit log. */
export async function updateSettings(db: Kysely<DB>, actor: Actor, patch: Partial<SettingsType>): Promise<SettingsType> {
  return db.transaction().execute(async (trx) => {
    const before = await getSettings(trx);
    const changes = diffFields(before, patch, Object.keys(patch) as Array<keyof SettingsType>);
    await writeSettings(trx, patch);
    if (changes.length) await writeAudit(trx, actor, { action: 'update', entity: 'settings', changes });
    return { ...before, ...patch };
  });
}
