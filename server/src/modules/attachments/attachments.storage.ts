import path from 'node:path';
import type { FileStore } from '../../platform/file-store.ts';
import { randomToken } from '../../platform/tokens.ts';

/** Files are kept under the key <yyyy-mm>/<random> in the configured store; the database keeps the original name. */
export async function storeFile(store: FileStore, content: Buffer): Promise<string> {
  const month = new Date().toISOString().slice(0, 7);
  const key = `${month}/${randomToken(18)}`;
  await store.put(key, content);
  return key;
}

export function openStoredFile(store: FileStore, key: string) {
  return store.open(key);
}

export async function removeStoredFile(store: FileStore, key: string) {
  await store.remove(key);
}

const allowed: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  // 数电发票 in OFD (GB/T 33190), a zip package.
  ofd: 'application/ofd',
};

const signatures: Array<[string[], number[]]> = [
  [['pdf'], [0x25, 0x50, 0x44, 0x46]],
  [['png'], [0x89, 0x50, 0x4e, 0x47]],
  [
    ['jpg', 'jpeg'],
    [0xff, 0xd8, 0xff],
  ],
  [['gif'], [0x47, 0x49, 0x46, 0x38]],
  [
    ['docx', 'xlsx', 'pptx', 'zip', 'ofd'],
    [0x50, 0x4b, 0x03, 0x04],
  ],
  [
    ['doc', 'xls', 'ppt'],
    [0xd0, 0xcf, 0x11, 0xe0],
  ],
];

/**
 * The content type to store, or null when the file is not accepted: the extension must be on the
 * allow-list and, for binary formats, the first bytes must match it (a renamed .exe is refused).
 */
export function acceptedContentType(fileName: string, content: Buffer): string | null {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const type = allowed[extension];
  if (!type) return null;
  const signature = signatures.find(([extensions]) => extensions.includes(extension));
  if (signature && !signature[1].every((byte, i) => content[i] === byte)) return null;
  return type;
}
