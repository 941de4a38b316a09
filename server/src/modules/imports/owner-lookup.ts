import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ImportJob } from './import-job.ts';

/** A user a sheet's owner column can name. */
export type OwnerCandidate = {
  id: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  status: string;
};

export type OwnerLookup = (name: string) => OwnerCandidate | null;

export function loadOwnerCandidates(db: Kysely<DB>): Promise<OwnerCandidate[]> {
  return db.selectFrom('users').select(['id', 'username', 'displayName', 'departmentId', 'status']).execute();
}

/** Finds an active user by username or display name, as people write them in a sheet's owner column. */
export function ownerLookupOf(users: OwnerCandidate[]): OwnerLookup {
  const byName = new Map<string, OwnerCandidate>();
  for (const user of users) {
    if (user.status !== 'active') continue;
    byName.set(user.username.toLowerCase(), user);
    if (!byName.has(user.displayName.toLowerCase())) byName.set(user.displayName.toLowerCase(), user);
  }
  return (name: string) => byName.get(name.trim().toLowerCase()) ?? null;
}

export async function ownerLookup(job: ImportJob): Promise<OwnerLookup> {
  return ownerLookupOf(await loadOwnerCandidates(job.ctx.db));
}
