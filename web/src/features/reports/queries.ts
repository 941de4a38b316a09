import type { ReportDefinitionInput, ReportRecordsQuery, ReportScheduleInput, SavedReportInput } from '@relate/common';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { reportsApi } from './api';

export const reportKeys = { ...keysFor('reports'), schedule: (id: number) => ['reports', 'schedule', id] as const };

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

/** One saved report, as opened by its address (`/reports?report=12`); none while `id` is undefined. */
export function useSavedReport(id: number | undefined) {
  return useQuery({
    queryKey: reportKeys.detail(id),
    queryFn: () => reportsApi.one(id!),
    enabled: id !== undefined,
    retry: false,
  });
}

/** Deletes one of the caller's saved reports; its own reads (the report, its schedule) are not read again. */
export function useDeleteReport() {
  const refreshAfterDelete = useRefreshAfterDelete();
  return useMutation({
    mutationFn: (id: number) => reportsApi.remove(id),
    onSuccess: (_, id) => refreshAfterDelete([id], 'reports'),
  });
}

/** A saved report's email schedule (null when it is not sent); the caller must own the report. */
export function useReportSchedule(id: number | undefined) {
  return useQuery({
    queryKey: reportKeys.schedule(id ?? 0),
    queryFn: () => reportsApi.schedule(id!),
    enabled: id !== undefined,
  });
}

/** The email schedules of several of the caller's own reports (the rows of a page), by report id. */
export function useReportSchedules(ids: number[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: reportKeys.schedule(id), queryFn: () => reportsApi.schedule(id) })),
    combine: (results) => new Map(ids.map((id, i) => [id, results[i]?.data] as const)),
  });
}

/** Sets when a saved report is sent by email and to whom. */
export function useSaveReportSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ReportScheduleInput }) => reportsApi.setSchedule(id, body),
    onSuccess: (schedule, { id }) => {
      queryClient.setQueryData(reportKeys.schedule(id), schedule);
      return queryClient.invalidateQueries({ queryKey: reportKeys.schedule(id) });
    },
  });
}

/** Stops sending a saved report by email. */
export function useStopReportSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => reportsApi.stopSchedule(id),
    onSuccess: (_, id) => {
      queryClient.setQueryData(reportKeys.schedule(id), null);
      return queryClient.invalidateQueries({ queryKey: reportKeys.schedule(id) });
    },
  });
}
