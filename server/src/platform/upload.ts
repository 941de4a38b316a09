import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const fileRequired = () => new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { file: 'fileRequired' });

/** A multipart body the parser could not read: no boundary, cut short, or a broken part header. */
export function isMalformedMultipart(error: unknown): boolean {
  const message = (error as Error)?.message ?? '';
  return /^Multipart: |Unexpected end of (form|multipart data)|Malformed part header|Part terminated early|Boundary not found/i.test(message);
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
export const isUploadPart = (part: { type: string; fieldname: string }) => part.type === 'file' && part.fieldname === 'file';
