import type { Body, DailyReportInput, DailyReportQuery, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { dailyReportsApi } from './api';

export const dailyReportKeys = {
  ...keysFor('daily-reports'),
  mine: (date: string) => ['daily-reports', 'mine', date] as const,
};

export function useDailyReports(query: QueryOf<typeof DailyReportQuery>) {
  return useQuery({
    queryKey: dailyReportKeys.list(query),
    queryFn: () => dailyReportsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useDailyReport(id: number | null) {
  return useQuery({
    queryKey: dailyReportKeys.detail(id ?? undefined),
    queryFn: () => dailyReportsApi.get(id!),
    enabled: id !== null,
  });
}

export function useMyDailyReport(date: string) {
  return useQuery({ queryKey: dailyReportKeys.mine(date), queryFn: () => dailyReportsApi.mine(date) });
}

/** Saves (or submits) the caller's report of a day; the form shows the saved report at once. */
export function useSaveMyDailyReport(date: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof DailyReportInput>) => dailyReportsApi.saveMine(date, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(dailyReportKeys.mine(date), saved);
      return refresh('daily-reports');
    },
  });
}
