import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { inTransaction } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/tokens.ts';
import * as repo from './apikeys.repository.ts';

/** The caller's keys that still work, newest first (never the key itself: only its prefix). */
export function listApiKeys(db: Kysely<DB>, actor: Actor) {
  return repo.activeKeysOf(db, actor.userId);
}

/** A new key for the caller, returned whole this once; only its hash is stored. */
export async function createApiKey(db: Kysely<DB>, actor: Actor, name: string) {
  const key = `rk_${randomToken(32)}`;
  return inTransaction(db, async (db) => {
    const row = await repo.insertKey(db, {
      userId: actor.userId,
      name,
      prefix: key.slice(0, 10),
      keyHash: sha256(key),
      createdAt: nowIso(),
    });
    await writeAudit(db, actor, { action: 'create', entity: 'apiKeys', entityId: row.id, detail: { name } });
    return { id: row.id, name: row.name, key };
  });
}

/** Revokes one of the caller's own keys; 404 for another's key or one already revoked. */
export async function revokeApiKey(db: Kysely<DB>, actor: Actor, id: number): Promise<void> {
  await inTransaction(db, async (db) => {
    if (!(await repo.revokeKeys(db, actor.userId, nowIso(), id))) throw notFound();
    await writeAudit(db, actor, { action: 'revoke', entity: 'apiKeys', entityId: id });
  });
}

/**
 * Revokes every key of a user whose password was changed or reset: a key made by whoever knew the
 * old password must not outlive it. Returns how many keys stopped working.
 */
export function revokeAllKeys(db: Kysely<DB>, userId: number): Promise<number> {
  return repo.revokeKeys(db, userId, nowIso());
}
