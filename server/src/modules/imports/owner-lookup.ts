/** A user a sheet's owner column can name. */
export type OwnerCandidate = {
  id: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  status: string;
};

export type OwnerLookup = (name: string) => OwnerCandidate | null;

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
