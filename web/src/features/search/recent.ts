import type { SearchItem } from '@relate/common';

const storageKey = 'relate.recentSearchItems';
const kept = 8;

/** The records last opened from the search, newest first (kept in this browser, per user). */
export function recentItems(userId: number | undefined): SearchItem[] {
  if (!userId) return [];
  try {
    const stored = JSON.parse(localStorage.getItem(`${storageKey}.${userId}`) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as SearchItem[]) : [];
  } catch {
    return [];
  }
}

export function rememberItem(userId: number | undefined, item: SearchItem): void {
  if (!userId) return;
  const others = recentItems(userId).filter((x) => !(x.type === item.type && x.id === item.id));
  try {
    localStorage.setItem(`${storageKey}.${userId}`, JSON.stringify([item, ...others].slice(0, kept)));
  } catch {
    // A full or blocked storage only loses the list of recent items.
  }
}
