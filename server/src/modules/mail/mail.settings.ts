import { createPrivateKey } from 'node:crypto';
import type { MailSettings, MailSettingsInput } from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { seal, unseal } from '../../platform/secret-box.ts';
import { deleteOwnRowSetting, readOwnRowSetting, writeOwnRowSetting } from '../settings/index.ts';

export type StoredMailSettings = Omit<z.output<typeof MailSettingsInput>, 'password' | 'dkimPrivateKey'> & {
  password: string | null;
  /** The DKIM private key sealed with the server's secret (platform/secret-box.ts). */
  dkimKeySealed?: string | null;
};

/** nodemailer's DKIM options for the stored settings, or null when signing is not set up (or its key is unreadable). */
export function dkimOf(
  stored: StoredMailSettings,
  secret: string,
): { domainName: string; keySelector: string; privateKey: string } | null {
  if (!stored.dkimDomain || !stored.dkimSelector || !stored.dkimKeySealed) return null;
  const privateKey = unseal(secret, stored.dkimKeySealed);
  return privateKey ? { domainName: stored.dkimDomain, keySelector: stored.dkimSelector, privateKey } : null;
}

/** A DKIM key is checked for what it is: a private key (PEM) that signs with RSA or Ed25519. */
function checkedDkimKey(pem: string): string {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ed25519') return pem.trim();
  } catch {
    // reported below
  }
  throw fieldError('dkimPrivateKey', 'invalidDkimKey');
}
const key = 'mailServer';

/** The outgoing mail server, or null when none is configured (then no email is sent). */
export async function readMailSettings(db: Kysely<DB>): Promise<StoredMailSettings | null> {
  return readOwnRowSetting<StoredMailSettings>(db, key);
}

export function publicMailSettings(stored: StoredMailSettings | null): MailSettings | null {
  if (!stored) return null;
  const { password, dkimKeySealed, ...rest } = stored;
  return {
    ...rest,
    username: rest.username ?? null,
    fromName: rest.fromName ?? null,
    passwordSet: Boolean(password),
    dkimDomain: rest.dkimDomain ?? null,
    dkimSelector: rest.dkimSelector ?? null,
    dkimKeySet: Boolean(dkimKeySealed),
  };
}

export async function saveMailSettings(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof MailSettingsInput>,
  secret: string,
): Promise<MailSettings> {
  const dkimKey = input.dkimPrivateKey ? checkedDkimKey(input.dkimPrivateKey) : input.dkimPrivateKey;
  return inTransaction(db, async (db) => {
    const before = await readMailSettings(db);
    const { password, dkimPrivateKey: _key, ...rest } = input;
    const stored: StoredMailSettings = {
      ...rest,
      username: rest.username ?? null,
      fromName: rest.fromName ?? null,
      dkimDomain: rest.dkimDomain ?? null,
      dkimSelector: rest.dkimSelector ?? null,
      password: password === undefined ? (before?.password ?? null) : password,
      dkimKeySealed: dkimKey === undefined ? (before?.dkimKeySealed ?? null) : dkimKey && seal(secret, dkimKey),
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
          dkimDomain: stored.dkimDomain,
          dkimSelector: stored.dkimSelector,
          dkimKeyChanged: dkimKey !== undefined,
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
