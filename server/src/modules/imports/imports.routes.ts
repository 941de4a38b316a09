import { IdParams, ImportPreview, ImportValueMap } from '@relate/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { requestLocale } from '../../platform/error-handler.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './imports.service.ts';
import { holdSheetReaders } from './sheet-readers.ts';
import { entityLabel, importEntities, importTemplate } from './templates.ts';
import { isUploadPart, receiveToFile, removeStaleUploads, uploadFolder } from '../../platform/upload.ts';
import { rm } from 'node:fs/promises';
import { invalidValueMap } from './value-map.ts';

const ImportOptions = z.object({
  duplicates: z.enum(['skip', 'update', 'create']).default('skip'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Leads only: a row without an owner gets one by the assignment rules (needs leads.assign). */
  assignByRules: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

const ImportStatus = z.object({
  id: z.number(),
  entity: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** Rows read so far; final once `reading` is false. */
  total: z.number(),
  reading: z.boolean(),
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  rejected: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  dryRun: z.boolean(),
  /** Why a failed import stopped (the rows written before it stopped are kept). */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart field's JSON, or undefined when it is not JSON. */
function jsonOf(value: unknown): unknown {
  try {
    return JSON.parse(String(value || '{}'));
  } catch {
    return undefined;
  }
}

/**
 * Reads the multipart upload: the `file` part, an optional `mapping` field (JSON: header → field key)
 * and an optional `valueMap` field (JSON: the choices for unknown dictionary values, see ImportValueMap).
 */
async function readUpload(
  request: FastifyRequest,
  dataDir: string,
): Promise<service.Upload & { mapping?: Record<string, string | null>; valueMap?: ImportValueMap }> {
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { file: 'fileRequired' });
  let file: service.Upload | null = null;
  let mapping: Record<string, string | null> | undefined;
  let valueMap: ImportValueMap | undefined;
  try {
    for await (const part of request.parts()) {
      if (isUploadPart(part) && part.type === 'file') {
        file = { fileName: part.filename, file: await receiveToFile(part, uploadFolder(dataDir)) };
      } else if (part.type === 'file') {
        part.file.resume();
      } else if (part.fieldname === 'mapping') {
        const parsed = z.record(z.string(), z.string().nullable()).safeParse(jsonOf(part.value));
        if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { mapping: 'invalid' });
        mapping = parsed.data;
      } else if (part.fieldname === 'valueMap') {
        const parsed = ImportValueMap.safeParse(jsonOf(part.value));
        if (!parsed.success) throw invalidValueMap();
        valueMap = parsed.data;
      }
    }
  } catch (error) {
    if (file) await rm(file.file, { force: true });
    throw error;
  }
  if (!file) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', { file: 'fileRequired' });
  return { ...file, mapping, valueMap };
}

export function importsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const tag = 'imports';
  // Reader threads stay warm between previews and imports while the application runs.
  const releaseReaders = holdSheetReaders();
  app.addHook('onClose', async () => releaseReaders());
  void removeStaleUploads(uploadFolder(ctx.config.dataDir));
  for (const entity of importEntities) {
    const access = `${entity}.import` as const;
    defineRoute(
      app,
      {
        method: 'GET',
        url: `/api/v1/imports/${entity}/template`,
        access,
        tag,
        summary: `Import template for ${entity} in your language, with drop-downs`,
        query: z.object({ format: z.literal('xlsx').default('xlsx') }),
        produces: xlsxType,
      },
      async ({ request, reply }) => {
        const locale = requestLocale(request);
        const content = await importTemplate(ctx, entity, locale);
        const name = locale === 'en' ? `${entity}-import-template.xlsx` : `${entityLabel(entity, locale)}导入模板.xlsx`;
        return reply
          .type(xlsxType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(content);
      },
    );
    defineRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/imports/${entity}/preview`,
        access,
        tag,
        summary:
          'Columns of an uploaded file (multipart: file, optional mapping) and the fields they match, a few rows, ' +
          'and per dictionary column the values that match no option, with their row counts',
        consumes: 'multipart/form-data',
        response: ImportPreview,
      },
      async ({ actor, request }) => {
        const { valueMap: _, ...upload } = await readUpload(request, ctx.config.dataDir);
        return service.previewImport(ctx, actor, entity, upload);
      },
    );
    defineRoute(
      app,
      {
        method: 'POST',
        url: `/api/v1/imports/${entity}`,
        access,
        tag,
        summary:
          `Start an import of ${entity} (returns 202 with the import id). Multipart fields: file; mapping ` +
          '(JSON { [header]: fieldKey | null }); valueMap (JSON { [field]: { [fileValue]: { action: "map", code } | ' +
          '{ action: "add" } | { action: "empty" } } }) for dictionary values that match no option: map to an ' +
          'existing option, add it as a new option (needs dictionaries.manage, else 403; added only when the import ' +
          'starts) or leave the field empty. An unknown value without a choice rejects its row.',
        query: ImportOptions,
        consumes: 'multipart/form-data',
        response: z.object({ id: z.number() }),
        status: 202,
      },
      async ({ actor, query, request }) => {
        const { mapping, valueMap, ...upload } = await readUpload(request, ctx.config.dataDir);
        return service.startImport(ctx, actor, requestLocale(request), entity, upload, {
          ...query,
          mapping,
          valueMap,
        });
      },
    );
  }
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/imports/:id',
      access: 'authenticated',
      tag,
      summary: 'Progress and result of one of your imports',
      params: IdParams,
      response: ImportStatus,
    },
    async ({ actor, params, request }) => service.getImport(ctx, actor, requestLocale(request), params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/imports/:id/rejected',
      access: 'authenticated',
      tag,
      summary: 'The rejected rows as xlsx, with an error column',
      params: IdParams,
      produces: xlsxType,
    },
    async ({ actor, params, request, reply }) => {
      const content = await service.rejectedRowsFile(ctx, actor, requestLocale(request), params.id);
      return reply
        .type(xlsxType)
        .header('content-disposition', `attachment; filename="rejected-${params.id}.xlsx"`)
        .send(content);
    },
  );
}
