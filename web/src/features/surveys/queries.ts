import type { Body, QueryOf, SurveyInput, SurveyReportQuery, SurveySend } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { surveysApi } from './api';

export const surveyKeys = {
  ...keysFor('surveys'),
  report: (id: number | undefined, query: object) => ['surveys', 'report', id, query] as const,
};

export function useSurveys(enabled = true) {
  return useQuery({ queryKey: surveyKeys.list(), queryFn: surveysApi.list, enabled });
}

export function useSaveSurvey() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof SurveyInput> }) =>
      id ? surveysApi.update(id, body) : surveysApi.create(body),
    onSuccess: () => refresh('surveys'),
  });
}

export function useDeleteSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: surveysApi.remove, onSuccess: () => refresh('surveys') });
}

/** Sending counts on the survey's row (sent). */
export function useSendSurvey() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof SurveySend> }) => surveysApi.send(id, body),
    onSuccess: () => refresh('surveys'),
  });
}

/** A survey's results, over a period or all time; nothing is asked while no survey is chosen. */
export function useSurveyReport(id: number | undefined, query: QueryOf<typeof SurveyReportQuery>) {
  return useQuery({
    queryKey: surveyKeys.report(id, query),
    queryFn: () => surveysApi.report(id!, query),
    enabled: id !== undefined,
  });
}
