import type {
  Body,
  PlanInput,
  PlanQuery,
  QueryOf,
  RequirementInput,
  RequirementPatch,
  RequirementQuery,
  StrategyInput,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { plansApi, requirementsApi, strategiesApi } from './api';

export const strategyKeys = keysFor('service-strategies');
export const planKeys = keysFor('implementation-plans');
export const requirementKeys = { ...keysFor('requirements'), report: ['requirements', 'report'] as const };

export function useStrategies() {
  return useQuery({ queryKey: strategyKeys.all, queryFn: strategiesApi.list });
}

export function useSaveStrategy() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof StrategyInput> }) =>
      id ? strategiesApi.update(id, body) : strategiesApi.create(body),
    onSuccess: () => refresh('service-strategies'),
  });
}

export function useDeleteStrategy() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: strategiesApi.remove, onSuccess: () => refresh('service-strategies') });
}

export function usePlans(query: QueryOf<typeof PlanQuery>) {
  return useQuery({
    queryKey: planKeys.list(query),
    queryFn: () => plansApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useSavePlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof PlanInput> }) =>
      id ? plansApi.update(id, body) : plansApi.create(body),
    onSuccess: () => refresh('implementation-plans'),
  });
}

export function useAddPlanNote() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: string }) => plansApi.addNote(id, { body }),
    onSuccess: () => refresh('implementation-plans'),
  });
}

export function useRequirements(query: QueryOf<typeof RequirementQuery>) {
  return useQuery({
    queryKey: requirementKeys.list(query),
    queryFn: () => requirementsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useRequirementReport() {
  return useQuery({ queryKey: requirementKeys.report, queryFn: requirementsApi.report });
}

export function useCreateRequirement() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof RequirementInput>) => requirementsApi.create(body),
    onSuccess: () => refresh('requirements'),
  });
}

export function useUpdateRequirement() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof RequirementPatch> }) => requirementsApi.update(id, body),
    onSuccess: () => refresh('requirements'),
  });
}
