import { Backup, BackupParams } from '@relate/common';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import { backupNow, downloadBackup, listBackups } from './backup.service.ts';

const tag = 'backups';

export function backupRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/backups',
      access: 'settings.manage',
      tag,
      summary: 'The backups kept in DATA_DIR/backups, newest first',
      response: z.array(Backup),
    },
    async () => listBackups(ctx.config),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/v1/backups',
      access: 'settings.manage',
      tag,
      summary:
        'Back up now: the database (copied online), uploaded files and secrets in one .tar.gz with a manifest of checksums',
      response: Backup,
      status: 201,
    },
    async ({ actor }) => {
      const { name } = await backupNow(ctx, actor);
      return (await listBackups(ctx.config)).find((backup) => backup.name === name);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/backups/:name',
      access: 'settings.manage',
      tag,
      summary: 'Download a backup archive',
      params: BackupParams,
      produces: 'application/gzip',
    },
    async ({ actor, params, reply }) => {
      const { stream, size } = await downloadBackup(ctx, actor, params.name);
      return reply
        .header('content-type', 'application/gzip')
        .header('content-length', size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${params.name}"`)
        .send(stream);
    },
  );
}
