import type { ReportDefinitionInput, ReportRecordsQuery, SavedReportInput } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { reportsApi } from './api';

export const reportKeys = keysFor('reports');

/** The sources the caller may report on, with the fields they may read. */
export function useReportSources() {
  return useQuery({ queryKey: reportKeys.part('sources'), queryFn: reportsApi.sources, staleTime: 5 * 60_000 });
}

/** Runs a report definition (a read, but one the user starts). */
export function useRunReport() {
  return useMutation({ mutationFn: (definition: ReportDefinitionInput) => reportsApi.run(definition) });
}

/** The records behind one figure of a report, a page at a time; none while `query` is null. */
export function useReportRecords(query: ReportRecordsQuery | null) {
  return useQuery({
    queryKey: reportKeys.part('records', query),
    queryFn: () => reportsApi.records(query!),
    enabled: query !== null,
    placeholderData: (previous) => previous,
  });
}

/** The saved reports the caller sees: their own and those shared with them. */
export function useSavedReports() {
  return useQuery({ queryKey: reportKeys.list(), queryFn: reportsApi.saved });
}

/** Saves a report anew, or over one of the caller's own (`id`). */
export function useSaveReport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: SavedReportInput }) =>
      id ? reportsApi.update(id, body) : reportsApi.save(body),
    onSuccess: () => refresh('reports'),
  });
}

export function useDeleteReport() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: number) => reportsApi.remove(id), onSuccess: () => refresh('reports') });
}
