import type { MultipartFile } from '@fastify/multipart';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/context.ts';
import * as repo from './settings.repository.ts';

/**
 * The company logo for printed documents. It lives in the database (not on one server's disk), so
 * every server instance prints the same logo; PNG and JPEG only, as PDFs embed them as they are.
 */
export const logoKey = 'companyLogo';
const maxBytes = 512 * 1024;

export type CompanyLogo = { contentType: 'image/png' | 'image/jpeg'; data: Buffer };

function imageType(content: Buffer): CompanyLogo['contentType'] | null {
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}

export async function readLogo(db: Kysely<DB>): Promise<CompanyLogo | null> {
  const stored = await repo.readSetting<{ contentType?: string; base64?: string }>(db, logoKey);
  if (!stored?.base64 || (stored.contentType !== 'image/png' && stored.contentType !== 'image/jpeg')) return null;
  return { contentType: stored.contentType, data: Buffer.from(stored.base64, 'base64') };
}

export async function saveLogo(db: Kysely<DB>, actor: Actor, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    size += chunk.length;
    if (size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
    chunks.push(chunk);
  }
  const content = Buffer.concat(chunks);
  const contentType = imageType(content);
  if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'logoType');
  const base64 = content.toString('base64');
  await inTransaction(db, async (db) => {
    await repo.writeSettings(db, { [logoKey]: { contentType, base64 } });
    await writeAudit(db, actor, { action: 'update', entity: 'settings', detail: { logo: { contentType, size } } });
  });
}

export async function removeLogo(db: Kysely<DB>, actor: Actor): Promise<void> {
  await inTransaction(db, async (db) => {
    await repo.deleteSetting(db, logoKey);
    await writeAudit(db, actor, { action: 'update', entity: 'settings', detail: { logo: null } });
  });
}
