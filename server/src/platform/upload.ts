import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const fileRequired = () => new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { file: 'fileRequired' });

/** A multipart body the parser could not read: no boundary, cut short, or a broken part header. */
export function isMalformedMultipart(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return /^Multipart: |Unexpected end of (form|multipart data)|Malformed part header|Part terminated early|Boundary not found/i.test(
    message,
  );
}

export const malformedUpload = () => new AppError('BAD_REQUEST', 'malformedUpload', { file: 'malformedUpload' });

/** The one uploaded file of a request, sent as the multipart field `file`; anything else is refused with 400. */
export async function uploadedFile(request: FastifyRequest): Promise<MultipartFile> {
  if (!request.isMultipart()) throw fileRequired();
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (error) {
    throw isMalformedMultipart(error) ? malformedUpload() : error;
  }
  if (!part) throw fileRequired();
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw fileRequired();
  }
  return part;
}

/** Whether a multipart part is the upload itself (the field `file`). */
export const isUploadPart = (part: { type: string; fieldname: string }) =>
  part.type === 'file' && part.fieldname === 'file';

/** The folder under the data folder where uploads wait while they are read (never part of a backup). */
export const uploadsFolderName = 'uploads';
export const uploadFolder = (dataDir: string) => path.join(dataDir, uploadsFolderName);

/**
 * Writes an uploaded file to a new file in `folder` as it arrives, so that a large upload never sits
 * in memory whole; a file over the size limit or a broken upload leaves nothing behind.
 */
export async function receiveToFile(file: MultipartFile, folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, `${process.pid}-${randomUUID()}`);
  try {
    await pipeline(file.file, createWriteStream(target, { flags: 'wx' }));
    if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
    return target;
  } catch (error) {
    await rm(target, { force: true });
    throw error; // the error handler answers a broken upload (400) or one too large (413)
  }
}

/** Removes uploads left behind by a server that stopped while reading them (older than an hour). */
export async function removeStaleUploads(folder: string, olderThanMs = 60 * 60_000): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(folder, name);
    const facts = await stat(file).catch(() => null);
    if (facts?.isFile() && Date.now() - facts.mtimeMs > olderThanMs) await rm(file, { force: true });
  }
}
