import type { MultipartFile } from '@fastify/multipart';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, orNotFound } from '../../platform/errors.ts';
import { customerScope, customersRepository } from '../customers/index.ts';
import { getSettings } from '../settings/index.ts';
import { acceptedContentType, openStoredFile, removeStoredFile, storeFile } from './attachments.storage.ts';

const columns = ['id', 'entity', 'entityId', 'fileName', 'contentType', 'size', 'createdBy', 'createdAt'] as const;

async function visibleCustomer(ctx: AppContext, actor: Actor, customerId: number) {
  return orNotFound(await customersRepository.findCustomer(ctx.db, await customerScope(ctx, actor), customerId));
}

export async function listAttachments(ctx: AppContext, actor: Actor, customerId: number) {
  await visibleCustomer(ctx, actor, customerId);
  return ctx.db
    .selectFrom('attachments')
    .select(columns)
    .where('entity', '=', 'customers')
    .where('entityId', '=', customerId)
    .orderBy('id', 'desc')
    .execute();
}

/** Stores an uploaded file for a customer after checking its size and type. */
export async function uploadAttachment(ctx: AppContext, actor: Actor, customerId: number, part: MultipartFile) {
  await visibleCustomer(ctx, actor, customerId);
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
  const storageKey = await storeFile(ctx.config.dataDir, content);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('attachments')
      .values({ entity: 'customers', entityId: customerId, fileName, contentType, size, storageKey, createdBy: actor.userId, createdAt: nowIso() })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'attach', entity: 'customers', entityId: customerId, detail: { attachmentId: row.id, fileName } });
    return row;
  });
}

async function visibleAttachment(ctx: AppContext, actor: Actor, id: number) {
  const attachment = orNotFound(await ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst());
  await visibleCustomer(ctx, actor, attachment.entityId);
  return attachment;
}

export async function openAttachment(ctx: AppContext, actor: Actor, id: number) {
  const attachment = await visibleAttachment(ctx, actor, id);
  return { attachment, stream: openStoredFile(ctx.config.dataDir, attachment.storageKey) };
}

export async function deleteAttachment(ctx: AppContext, actor: Actor, id: number) {
  const attachment = await visibleAttachment(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('attachments').where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'detach', entity: 'customers', entityId: attachment.entityId, detail: { attachmentId: id, fileName: attachment.fileName } });
  });
  await removeStoredFile(ctx.config.dataDir, attachment.storageKey);
}
