import type { Insertable, Kysely } from 'kysely';
import type { AttachmentTable, DB } from '../../db/schema.ts';

/** What the uploader and the record's editors see of a file: all but where it is stored. */
const columns = ['id', 'entity', 'entityId', 'fileName', 'contentType', 'size', 'createdBy', 'createdAt'] as const;

/** A record's files, newest first. */
export function listAttachmentsOf(db: Kysely<DB>, entity: string, entityId: number) {
  return db
    .selectFrom('attachments')
    .select(columns)
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
}

/** A record's files without uploader or storage key, oldest first. */
export function listPublicFilesOf(db: Kysely<DB>, entity: string, entityId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'fileName', 'contentType', 'size', 'createdAt'])
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .orderBy('id')
    .execute();
}

export function findAttachmentById(db: Kysely<DB>, id: number) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertAttachment(db: Kysely<DB>, row: Insertable<AttachmentTable>) {
  return db.insertInto('attachments').values(row).returning(columns).executeTakeFirstOrThrow();
}

export function deleteAttachment(db: Kysely<DB>, id: number) {
  return db.deleteFrom('attachments').where('id', '=', id).execute();
}

export function listStorageKeysOf(db: Kysely<DB>, entity: string, entityIds: number[]) {
  return db
    .selectFrom('attachments')
    .select(['id', 'storageKey'])
    .where('entity', '=', entity)
    .where('entityId', 'in', entityIds)
    .execute();
}

export function deleteAttachments(db: Kysely<DB>, ids: number[]) {
  return db.deleteFrom('attachments').where('id', 'in', ids).execute();
}
