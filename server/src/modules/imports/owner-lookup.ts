import type { ImportJob } from './import-job.ts';

/** Finds an active user by username or display name, as people write them in a sheet's owner column. */
export async function ownerLookup(job: ImportJob) {
  const users = await job.ctx.db.selectFrom('users').select(['id', 'username', 'displayName', 'departmentId', 'status']).execute();
  const byName = new Map<string, (typeof users)[number]>();
  for (const user of users) {
    if (user.status !== 'active') continue;
    byName.set(user.username.toLowerCase(), user);
    if (!byName.has(user.displayName.toLowerCase())) byName.set(user.displayName.toLowerCase(), user);
  }
  return (name: string) => byName.get(name.trim().toLowerCase()) ?? null;
}
