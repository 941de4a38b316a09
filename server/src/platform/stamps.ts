import { nowIso } from '../db/time.ts';

/** Who made a record and when: the columns of its first write. */
export function createdStamps(actor: { userId: number }, at = nowIso()) {
  return { createdBy: actor.userId, updatedBy: actor.userId, createdAt: at, updatedAt: at };
}

/** Who changed a record last and when. */
export function updatedStamps(actor: { userId: number }, at = nowIso()) {
  return { updatedBy: actor.userId, updatedAt: at };
}
