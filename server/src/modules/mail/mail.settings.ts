import type { MailSettings, MailSettingsInput } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction } from '../../platform/context.ts';
import { deleteOwnRowSetting, readOwnRowSetting, writeOwnRowSetting } from '../settings/index.ts';

export type StoredMailSettings = Omit<z.output<typeof MailSettingsInput>, 'password'> & { password: string | null };
const key = 'mailServer';

/** The outgoing mail server, or null when none is configured (then no email is sent). */
export async function readMailSettings(db: Kysely<DB>): Promise<StoredMailSettings | null> {
  return readOwnRowSetting<StoredMailSettings>(db, key);
}

export function publicMailSettings(stored: StoredMailSettings | null): MailSettings | null {
  if (!stored) return null;
  const { password, ...rest } = stored;
  return { ...rest, username: rest.username ?? null, fromName: rest.fromName ?? null, passwordSet: Boolean(password) };
}

export async function saveMailSettings(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof MailSettingsInput>,
): Promise<MailSettings> {
  return inTransaction(db, async (db) => {
    const before = await readMailSettings(db);
    const { password, ...rest } = input;
    const stored: StoredMailSettings = {
      ...rest,
      username: rest.username ?? null,
      fromName: rest.fromName ?? null,
      password: password === undefined ? (before?.password ?? null) : password,
    };
    await writeOwnRowSetting(db, key, stored);
    await writeAudit(db, actor, {
      action: 'update',
      entity: 'settings',
      detail: {
        mailServer: {
          host: stored.host,
          port: stored.port,
          from: stored.from,
          passwordChanged: password !== undefined,
        },
      },
    });
    return publicMailSettings(stored)!;
  });
}

export async function removeMailSettings(db: Kysely<DB>, actor: Actor): Promise<void> {
  await inTransaction(db, async (db) => {
    await deleteOwnRowSetting(db, key);
    await writeAudit(db, actor, { action: 'delete', entity: 'settings', detail: { mailServer: null } });
  });
}
