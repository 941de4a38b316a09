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

/** The outgoing mail server as the senders use it: its password opened (null when none, or unreadable). */
export type StoredMailSettings = Omit<z.output<typeof MailSettingsInput>, 'password' | 'dkimPrivateKey'> & {
  password: string | null;
  /** The DKIM private key sealed with the server's secret (platform/secret-box.ts). */
  dkimKeySealed?: string | null;
};

/**
 * The settings as kept in the database: the password sealed with the server's secret, as the DKIM key is,
 * so that a copy of the database does not give it away. `password` is the plain one of settings saved
 * before passwords were sealed, until the server seals it at start (sealKeptMailPassword).
 */
type KeptMailSettings = Omit<StoredMailSettings, 'password'> & {
  passwordSealed?: string | null;
  password?: string | null;
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

const readKept = (db: Kysely<DB>) => readOwnRowSetting<KeptMailSettings>(db, key);

/** The outgoing mail server with its password opened, or null when none is configured (then no email is sent). */
export async function readMailSettings(db: Kysely<DB>, secret: string): Promise<StoredMailSettings | null> {
  const kept = await readKept(db);
  if (!kept) return null;
  const { passwordSealed, password, ...rest } = kept;
  return { ...rest, password: passwordSealed ? unseal(secret, passwordSealed) : (password ?? null) };
}

/** Whether an outgoing mail server is configured. */
export async function hasMailSettings(db: Kysely<DB>): Promise<boolean> {
  return (await readKept(db)) !== null;
}

/** Seals the password of settings saved before passwords were sealed; run once at start. */
export async function sealKeptMailPassword(db: Kysely<DB>, secret: string): Promise<void> {
  await inTransaction(db, async (db) => {
    const kept = await readKept(db);
    if (!kept || kept.password === undefined) return;
    const { password, ...rest } = kept;
    await writeOwnRowSetting(db, key, { ...rest, passwordSealed: password ? seal(secret, password) : null });
  });
}

/** The mail server for the settings page: whether a password and a DKIM key are set, never either of them. */
export async function publicMailSettings(db: Kysely<DB>): Promise<MailSettings | null> {
  return publicOf(await readKept(db));
}

function publicOf(kept: KeptMailSettings | null): MailSettings | null {
  if (!kept) return null;
  const { password, passwordSealed, dkimKeySealed, ...rest } = kept;
  return {
    ...rest,
    username: rest.username ?? null,
    fromName: rest.fromName ?? null,
    bounceAddress: rest.bounceAddress ?? null,
    passwordSet: Boolean(passwordSealed ?? password),
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
    const before = await readKept(db);
    const { password, dkimPrivateKey: _key, ...rest } = input;
    const keptPassword = before?.passwordSealed ?? (before?.password ? seal(secret, before.password) : null);
    const stored: KeptMailSettings = {
      ...rest,
      username: rest.username ?? null,
      fromName: rest.fromName ?? null,
      bounceAddress: rest.bounceAddress ?? null,
      dkimDomain: rest.dkimDomain ?? null,
      dkimSelector: rest.dkimSelector ?? null,
      passwordSealed: password === undefined ? keptPassword : password && seal(secret, password),
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
          bounceAddress: stored.bounceAddress,
          passwordChanged: password !== undefined,
          dkimDomain: stored.dkimDomain,
          dkimSelector: stored.dkimSelector,
          dkimKeyChanged: dkimKey !== undefined,
        },
      },
    });
    return publicOf(stored)!;
  });
}

export async function removeMailSettings(db: Kysely<DB>, actor: Actor): Promise<void> {
  await inTransaction(db, async (db) => {
    await deleteOwnRowSetting(db, key);
    await writeAudit(db, actor, { action: 'delete', entity: 'settings', detail: { mailServer: null } });
  });
}
