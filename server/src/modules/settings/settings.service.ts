import {
  defaultSettings,
  type Settings as SettingsType,
  settingsConflicts,
  settingsFieldSchemas,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { AppError, type FieldMessage } from '../../platform/errors.ts';
import { deleteSetting, readSetting, readStoredSettings, writeSettings } from './settings.repository.ts';
import { inTransaction } from '../../platform/context.ts';

/** Settings that only make sense together: when their rule fails, the whole group falls back. */
const settingGroups: Partial<Record<keyof SettingsType, Array<keyof SettingsType>>> = {
  currencies: ['currencies', 'defaultCurrency'],
  defaultCurrency: ['currencies', 'defaultCurrency'],
  businessStart: ['businessStart', 'businessEnd'],
  businessEnd: ['businessStart', 'businessEnd'],
};

/**
 * Stored values over defaults, so new settings need no migration. A stored value that no longer means
 * anything (written by an older version, or by hand) gives way to its default alone, so no read fails on it.
 */
export function soundSettings(stored: Record<string, unknown>): SettingsType {
  const values: Record<string, unknown> = { ...defaultSettings };
  for (const [key, schema] of Object.entries(settingsFieldSchemas)) {
    if (!(key in stored)) continue;
    const parsed = (schema as { safeParse: (value: unknown) => { success: boolean; data?: unknown } }).safeParse(
      stored[key],
    );
    if (parsed.success) values[key] = parsed.data;
  }
  const settings = values as SettingsType;
  for (const { field } of settingsConflicts(settings)) {
    for (const key of settingGroups[field] ?? [field]) (values as Record<string, unknown>)[key] = defaultSettings[key];
  }
  return settings;
}

/** Company-wide settings; never fails on a stored value (see soundSettings). */
export async function getSettings(db: Kysely<DB>): Promise<SettingsType> {
  return soundSettings(await readStoredSettings(db));
}

/** Changes some settings and records each changed value in the audit log. */
export async function updateSettings(
  db: Kysely<DB>,
  actor: Actor,
  patch: Partial<SettingsType>,
): Promise<SettingsType> {
  return inTransaction(db, async (db) => {
    const before = await getSettings(db);
    const conflicts = settingsConflicts({ ...before, ...patch });
    if (conflicts.length) {
      const fields: Record<string, FieldMessage> = Object.fromEntries(
        conflicts.map(({ field, message }) => [field, message]),
      );
      throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', fields);
    }
    const changes = diffFields(before, patch, Object.keys(patch) as Array<keyof SettingsType>);
    await writeSettings(db, patch);
    if (changes.length) await writeAudit(db, actor, { action: 'update', entity: 'settings', changes });
    return { ...before, ...patch };
  });
}

// Settings that other modules keep in their own rows (the mail server), read and written on their own.

/** The value of a setting kept in its own row, or null when it has none. */
export function readOwnRowSetting<T>(db: Kysely<DB>, key: string): Promise<T | null> {
  return readSetting<T>(db, key);
}

export function writeOwnRowSetting(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
  return writeSettings(db, { [key]: value });
}

export async function deleteOwnRowSetting(db: Kysely<DB>, key: string): Promise<void> {
  await deleteSetting(db, key);
}
