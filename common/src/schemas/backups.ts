import { z } from 'zod';

/** Who or what made a backup: a user on the settings page, the daily schedule, or the `relate backup` command. */
export const BackupMaker = z.object({
  kind: z.enum(['user', 'schedule', 'cli']),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
});
export type BackupMaker = z.infer<typeof BackupMaker>;

/** One archive kept in DATA_DIR/backups. `madeBy` and the rest are null when its manifest cannot be read. */
export const Backup = z.object({
  name: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  madeBy: BackupMaker.nullable(),
  dialect: z.enum(['sqlite', 'postgres']).nullable(),
  version: z.string().nullable(),
  schemaMigration: z.string().nullable(),
});
export type Backup = z.infer<typeof Backup>;

export const backupNamePattern = /^relate-backup-[0-9TZ-]+\.tar\.gz$/;
export const BackupParams = z.object({ name: z.string().regex(backupNamePattern) });
