import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Picks one of `candidates` (in id order) for `key`: the next in turn after the last one picked, or,
 * given each one's load, the least loaded (in turn when loads are equal). Claiming the key's cursor
 * row first makes concurrent picks for one key wait for each other, so each sees the work the
 * previous one handed out.
 */
export async function pickInTurn(
  trx: Kysely<DB>,
  key: string,
  candidates: number[],
  loadOf?: (ids: number[]) => Promise<Map<number, number>>,
): Promise<number> {
  await trx
    .insertInto('assignmentCursors')
    .values({ scopeKey: key, lastUserId: null })
    .onConflict((oc) =>
      oc.column('scopeKey').doUpdateSet((eb) => ({ lastUserId: eb.ref('assignmentCursors.lastUserId') })),
    )
    .execute();
  const cursor = await trx
    .selectFrom('assignmentCursors')
    .select('lastUserId')
    .where('scopeKey', '=', key)
    .executeTakeFirstOrThrow();
  const last = cursor.lastUserId ?? 0;
  const inTurn = [...candidates.filter((id) => id > last), ...candidates.filter((id) => id <= last)];
  let picked = inTurn[0];
  if (loadOf) {
    const load = await loadOf(candidates);
    picked = inTurn.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), inTurn[0]);
  }
  await trx.updateTable('assignmentCursors').set({ lastUserId: picked }).where('scopeKey', '=', key).execute();
  return picked;
}
