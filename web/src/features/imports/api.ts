import type { ImportPreview, ImportValueChoice, ImportValueMap, UnknownImportValues } from '@relate/common';
import { api, download } from '../../app/api';

export type { ImportPreview, ImportValueChoice, ImportValueMap, UnknownImportValues };

/** What can be imported from a spreadsheet; each is also the path of its list. */
export type ImportEntity = 'customers' | 'contacts' | 'leads' | 'products';
export type DuplicateMode = 'skip' | 'update' | 'create';

export type ImportStatus = {
  id: number;
  entity: string;
  status: 'running' | 'done' | 'failed';
  /** Rows read so far; final once `reading` is false. */
  total: number;
  reading: boolean;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: Array<{ row: number; column: string; message: string }>;
  dryRun: boolean;
  /** Why a failed import stopped (the rows written before it stopped are kept). */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/**
 * An import to start: the file, which field each column fills (null: ignored), what each unknown
 * dictionary value becomes, and what to do with duplicates.
 */
export type ImportRun = {
  file: File;
  mapping: Record<string, string | null>;
  valueMap: ImportValueMap;
  duplicates: DuplicateMode;
  dryRun: boolean;
  /** Leads: rows without an owner get one by the assignment rules. */
  assignByRules?: boolean;
};

export const importsApi = {
  /** The file's columns and rows, and its unknown dictionary values under `mapping` (else the guessed one). */
  preview: (entity: ImportEntity, file: File, mapping?: Record<string, string | null>) => {
    const form = new FormData();
    if (mapping) form.append('mapping', JSON.stringify(mapping));
    form.append('file', file);
    return api.post<ImportPreview>(`/api/v1/imports/${entity}/preview`, form);
  },
  start: (entity: ImportEntity, { file, mapping, valueMap, duplicates, dryRun, assignByRules }: ImportRun) => {
    const form = new FormData();
    form.append('mapping', JSON.stringify(mapping));
    form.append('valueMap', JSON.stringify(valueMap));
    form.append('file', file);
    return api.post<{ id: number }>(`/api/v1/imports/${entity}`, form, {
      duplicates,
      dryRun: String(dryRun),
      ...(assignByRules ? { assignByRules: 'true' } : {}),
    });
  },
  status: (id: number) => api.get<ImportStatus>(`/api/v1/imports/${id}`),
  downloadTemplate: (entity: ImportEntity) => download(`/api/v1/imports/${entity}/template`, { format: 'xlsx' }),
  downloadRejected: (id: number) => download(`/api/v1/imports/${id}/rejected`),
};
