export { backupRoutes } from './backup.routes.ts';
export { createBackup, scheduledBackup, pruneBackups, listBackups } from './backup.service.ts';
export { restoreBackup } from './restore.ts';
export { BackupError } from './backup.archive.ts';
