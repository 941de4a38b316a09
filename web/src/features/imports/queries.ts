import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keysFor, useRefresh } from '../../app/query-keys';
import { type ImportEntity, type ImportRun, importsApi } from './api';

export const importKeys = keysFor('imports');

/** Reads an uploaded file's columns, first rows and unknown dictionary values; nothing is imported yet. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: ({
      entity,
      file,
      mapping,
    }: {
      entity: ImportEntity;
      file: File;
      mapping?: Record<string, string | null>;
    }) => importsApi.preview(entity, file, mapping),
  });
}

/** Starts an import on the server; its progress is read with useImportStatus. */
export function useStartImport() {
  return useMutation({
    mutationFn: ({ entity, run }: { entity: ImportEntity; run: ImportRun }) => importsApi.start(entity, run),
  });
}

/**
 * An import's progress, asked for again every 400 ms while it runs (also in a background tab, and after
 * a failed request, which the next tick tries again). Once it is done, the records it wrote are refreshed.
 */
export function useImportStatus(entity: ImportEntity, id: number | null) {
  const refresh = useRefresh();
  const status = useQuery({
    queryKey: importKeys.detail(id ?? undefined),
    queryFn: () => importsApi.status(id!),
    enabled: id !== null,
    retry: false,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 400),
    refetchIntervalInBackground: true,
  });
  const done = status.data?.status === 'done';
  useEffect(() => {
    // An import may have added dictionary options too.
    if (done) void refresh(entity, 'dictionaries');
  }, [done, entity, refresh]);
  return status;
}
