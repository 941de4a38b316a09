import { useSyncExternalStore } from 'react';

/**
 * What the page on screen is called, as usePageTitle was given it (record first, then page), for the
 * layout's breadcrumbs; one page is on screen at a time, so one value is enough.
 */
let current: readonly string[] = [];
const listeners = new Set<() => void>();

export function publishPageHeading(parts: readonly string[]): void {
  if (parts.length === current.length && parts.every((part, i) => part === current[i])) return;
  current = parts;
  for (const listener of listeners) listener();
}

export function usePageHeading(): readonly string[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
