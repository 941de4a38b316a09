import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';

/**
 * Revokes every key of a user whose password was changed or reset: a key made by whoever knew the
 * old password must not outlive it. Returns how many keys stopped working.
 */
export async function revokeAllKeys(db: Kysely<DB>, userId: number): Promise<number> {
  const result = await db
    .updateTable('apiKeys')
    .set({ revokedAt: nowIso() })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
