import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function activeKeysOf(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('apiKeys')
    .select(['id', 'name', 'prefix', 'createdAt', 'lastUsedAt'])
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('id', 'desc')
    .execute();
}

export function insertKey(
  db: Kysely<DB>,
  key: { userId: number; name: string; prefix: string; keyHash: string; createdAt: string },
) {
  return db.insertInto('apiKeys').values(key).returning(['id', 'name']).executeTakeFirstOrThrow();
}

/** Revokes the user's active keys (one, or all when `id` is left out); returns how many were revoked. */
export async function revokeKeys(db: Kysely<DB>, userId: number, revokedAt: string, id?: number): Promise<number> {
  let query = db.updateTable('apiKeys').set({ revokedAt }).where('userId', '=', userId).where('revokedAt', 'is', null);
  if (id !== undefined) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
