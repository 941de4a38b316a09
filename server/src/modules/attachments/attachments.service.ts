import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor, AuditActor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { type AppContext, inTransaction } from '../../platform/context.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import { fileStoreOf } from '../../platform/file-store.ts';
import { getSettings } from '../settings/index.ts';
import { type AttachmentEntity, holderOf } from './attachments.holders.ts';
import { acceptedContentType, openStoredFile, removeStoredFile, storeFile } from './attachments.storage.ts';
import * as repo from './attachments.repository.ts';

export async function listAttachments(ctx: AppContext, actor: Actor, entity: AttachmentEntity, entityId: number) {
  await holderOf(entity).assertVisible(ctx, actor, entityId);
  return repo.listAttachmentsOf(ctx.db, entity, entityId);
}

/** Stores an uploaded file for a record the caller may add files to. */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  entity: AttachmentEntity,
  entityId: number,
  part: MultipartFile,
) {
  await holderOf(entity).assertEditable(ctx, actor, entityId);
  return storeUpload(ctx, actor, entity, entityId, part, actor.userId);
}

/**
 * Keeps an uploaded file after checking its size and type against the settings, and audits it; the
 * caller has already decided that the record may take it. `createdBy` is null for customers.
 */
export async function storeUpload(
  ctx: AppContext,
  actor: AuditActor,
  entity: AttachmentEntity,
  entityId: number,
  part: MultipartFile,
  createdBy: number | null,
) {
  const settings = await getSettings(ctx.db);
  const limit = settings.attachmentMaxMb * 1024 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    size += chunk.length;
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE');
    chunks.push(chunk);
  }
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  const content = Buffer.concat(chunks);
  const fileName = part.filename.replace(/[\\/]/g, '_').slice(0, 200) || 'file';
  const contentType = acceptedContentType(fileName, content);
  if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const storageKey = await storeFile(fileStoreOf(ctx), content);
  return inTransaction(ctx, async (ctx) => {
    const row = await repo.insertAttachment(ctx.db, {
      entity,
      entityId,
      fileName,
      contentType,
      size,
      storageKey,
      createdBy,
      createdAt: nowIso(),
    });
    await writeAudit(ctx.db, actor, { action: 'attach', entity, entityId, detail: { attachmentId: row.id, fileName } });
    return row;
  });
}

/**
 * Keeps a file that arrived by another way than an upload (an email's attachment) for a record; its
 * type is checked as an upload's, and one that is not accepted is kept as a download only. Returns
 * the storage key to record with `recordStoredFile` inside the caller's transaction.
 */
export async function storeReceivedFile(ctx: Pick<AppContext, 'config' | 'db'>, fileName: string, content: Buffer) {
  const storageKey = await storeFile(fileStoreOf(ctx), content);
  return { storageKey, contentType: acceptedContentType(fileName, content) ?? 'application/octet-stream' };
}

export function recordStoredFile(
  db: Kysely<DB>,
  file: { entity: string; entityId: number; fileName: string; contentType: string; size: number; storageKey: string },
) {
  return repo.insertAttachment(db, { ...file, createdBy: null, createdAt: nowIso() });
}

export async function findAttachment(ctx: AppContext, id: number) {
  return orNotFound(await repo.findAttachmentById(ctx.db, id));
}

export async function openAttachment(ctx: AppContext, actor: Actor, id: number) {
  const attachment = await findAttachment(ctx, id);
  await holderOf(attachment.entity).assertVisible(ctx, actor, attachment.entityId);
  return { attachment, stream: openStoredFile(fileStoreOf(ctx), attachment.storageKey) };
}

export function openAttachmentFile(ctx: AppContext, attachment: { storageKey: string }) {
  return openStoredFile(fileStoreOf(ctx), attachment.storageKey);
}

/** The files of a record as anyone allowed to read it sees them, oldest first (no uploader, no storage key). */
export function filesOf(db: Kysely<DB>, entity: AttachmentEntity, entityId: number) {
  return repo.listPublicFilesOf(db, entity, entityId);
}

/** Sends a stored file as a download that browsers will not try to render. */
export function sendAttachment(
  reply: FastifyReply,
  attachment: { contentType: string; fileName: string },
  stream: ReturnType<typeof openStoredFile>,
) {
  reply
    .header('content-type', attachment.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`);
  return reply.send(stream);
}

export async function deleteAttachment(ctx: AppContext, actor: Actor, id: number) {
  const attachment = await findAttachment(ctx, id);
  await holderOf(attachment.entity).assertEditable(ctx, actor, attachment.entityId);
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteAttachment(ctx.db, id);
    await writeAudit(ctx.db, actor, {
      action: 'detach',
      entity: attachment.entity,
      entityId: attachment.entityId,
      detail: { attachmentId: id, fileName: attachment.fileName },
    });
  });
  await removeStoredFile(fileStoreOf(ctx), attachment.storageKey);
}

/** Deletes the attachment rows of records that are going for good; returns their files, to remove once that has committed. */
export async function takeFilesOf(db: Kysely<DB>, entity: AttachmentEntity, entityIds: number[]): Promise<string[]> {
  if (!entityIds.length) return [];
  const rows = await repo.listStorageKeysOf(db, entity, entityIds);
  if (rows.length)
    await repo.deleteAttachments(
      db,
      rows.map((r) => r.id),
    );
  return rows.map((r) => r.storageKey);
}

export async function removeFiles(ctx: Pick<AppContext, 'config' | 'db'>, storageKeys: string[]): Promise<void> {
  const store = fileStoreOf(ctx);
  for (const key of storageKeys) await removeStoredFile(store, key);
}
