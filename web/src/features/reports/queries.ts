import type { ReportDefinitionInput } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor } from '../../app/query-keys';
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
