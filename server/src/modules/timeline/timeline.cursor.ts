import type { TimelineKind } from '@relate/common';
import { sql } from 'kysely';
import { fieldError } from '../../platform/errors.ts';

/** Timeline entries are ordered by time, then kind, then id (all descending); a cursor is the last one seen. */
export type TimelineCursor = { at: string; kind: TimelineKind; id: number };

export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.kind}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string | undefined): TimelineCursor | null {
  if (!text) return null;
  const [at, kind, id] = Buffer.from(text, 'base64url').toString().split('|');
  if (!at || Number.isNaN(Date.parse(at)) || !kind || !/^\d+$/.test(id ?? '')) throw fieldError('cursor', 'invalid');
  return { at: new Date(at).toISOString(), kind: kind as TimelineKind, id: Number(id) };
}

/** The condition "comes after the cursor" for the rows of one source, given its time and id columns. */
export function afterCursor(kind: TimelineKind, cursor: TimelineCursor, atColumn: string, idColumn: string) {
  const at = sql.ref(atColumn);
  const id = sql.ref(idColumn);
  if (kind < cursor.kind) return sql<boolean>`${at} <= ${cursor.at}`;
  if (kind > cursor.kind) return sql<boolean>`${at} < ${cursor.at}`;
  return sql<boolean>`(${at} < ${cursor.at} or (${at} = ${cursor.at} and ${id} < ${cursor.id}))`;
}

export function compareEntries(a: TimelineCursor, b: TimelineCursor): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.kind !== b.kind) return a.kind < b.kind ? 1 : -1;
  return b.id - a.id;
}
