import type { SavedReport } from '@relate/common';

/** The folder picked in the library: undefined for every report, null for those in no folder, else a folder's path. */
export type FolderPick = string | null | undefined;

/** A saved report's link into the builder, which opens and runs it. */
export const builderLink = (report: Pick<SavedReport, 'id'>) => `/reports?report=${report.id}`;

/** A folder of the tree: its path ("销售/月报"), its last part as its name, the reports in it or below, its subfolders. */
export type FolderNode = { path: string; name: string; count: number; children: FolderNode[] };

/** A folder's parts: "销售 / 月报" is 月报 inside 销售; blank parts are dropped. */
const partsOf = (folder: string) =>
  folder
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean);

/** A report's folder as a path of its parts, or null when it has none. */
export function folderPath(folder: string | null): string | null {
  const parts = folder ? partsOf(folder) : [];
  return parts.length ? parts.join('/') : null;
}

/** The folders the reports name, as a tree ordered by name, each counting the reports in it and below it. */
export function folderTree(reports: readonly SavedReport[], locale: string): FolderNode[] {
  const roots: FolderNode[] = [];
  for (const report of reports) {
    let level = roots;
    let path = '';
    for (const part of partsOf(report.folder ?? '')) {
      path = path ? `${path}/${part}` : part;
      let node = level.find((n) => n.name === part);
      if (!node) level.push((node = { path, name: part, count: 0, children: [] }));
      node.count++;
      level = node.children;
    }
  }
  const sort = (nodes: FolderNode[]): FolderNode[] =>
    nodes
      .sort((a, b) => a.name.localeCompare(b.name, locale))
      .map((node) => ({ ...node, children: sort(node.children) }));
  return sort(roots);
}

/** Whether a report is in the folder picked (or below it), and its name holds the search text. */
export function matchesLibrary(report: SavedReport, folder: FolderPick, q: string): boolean {
  const path = folderPath(report.folder);
  if (folder === null && path !== null) return false;
  if (folder && path !== folder && !path?.startsWith(`${folder}/`)) return false;
  const text = q.trim().toLocaleLowerCase();
  return !text || report.name.toLocaleLowerCase().includes(text);
}

export const librarySorts = ['name', 'ownerName', 'updatedAt'] as const;
export type LibrarySort = { field: (typeof librarySorts)[number]; order: 'asc' | 'desc' };

/** The reports in the order asked for; names as the reader's language sorts them, ties by name. */
export function sortReports(reports: readonly SavedReport[], sort: LibrarySort, locale: string): SavedReport[] {
  const byName = (a: SavedReport, b: SavedReport) => a.name.localeCompare(b.name, locale);
  const compare = {
    name: byName,
    ownerName: (a: SavedReport, b: SavedReport) => (a.ownerName ?? '').localeCompare(b.ownerName ?? '', locale),
    updatedAt: (a: SavedReport, b: SavedReport) => a.updatedAt.localeCompare(b.updatedAt),
  }[sort.field];
  const sign = sort.order === 'asc' ? 1 : -1;
  return [...reports].sort((a, b) => sign * compare(a, b) || byName(a, b));
}

/** A sort from the address ("name:asc"), or the newest first. */
export function parseLibrarySort(text: string | null): LibrarySort {
  const [field, order] = (text ?? '').split(':');
  return (librarySorts as readonly string[]).includes(field) && (order === 'asc' || order === 'desc')
    ? { field: field as LibrarySort['field'], order }
    : { field: 'updatedAt', order: 'desc' };
}
