import type {
  Body,
  CommissionGenerateQuery,
  CommissionLinesQuery,
  CommissionPlanInput,
  CommissionPlanQuery,
  CommissionStatementQuery,
  QueryOf,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { commissionPlansApi, commissionStatementsApi } from './api';

export const commissionKeys = {
  ...keysFor('commission'),
  plans: (query: object) => keysFor('commission').part('plans', query),
  statements: (query: object) => keysFor('commission').part('statements', query),
  statement: (id: number, query: object) => keysFor('commission').part('statement', id, query),
};

export function useCommissionPlans(query: QueryOf<typeof CommissionPlanQuery>) {
  return useQuery({
    queryKey: commissionKeys.plans(query),
    queryFn: () => commissionPlansApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCommissionPlan() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof CommissionPlanInput> }) =>
      id ? commissionPlansApi.update(id, body) : commissionPlansApi.create(body),
    onSuccess: () => refresh('commission'),
  });
}

export function useDeleteCommissionPlan() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: commissionPlansApi.remove, onSuccess: () => refresh('commission') });
}

export function useCommissionStatements(query: QueryOf<typeof CommissionStatementQuery>) {
  return useQuery({
    queryKey: commissionKeys.statements(query),
    queryFn: () => commissionStatementsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useCommissionStatement(id: number, query: QueryOf<typeof CommissionLinesQuery>) {
  return useQuery({
    queryKey: commissionKeys.statement(id, query),
    queryFn: () => commissionStatementsApi.get(id, query),
    placeholderData: keepPreviousData,
  });
}

export function useGenerateStatements() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (query: QueryOf<typeof CommissionGenerateQuery>) => commissionStatementsApi.generate(query),
    onSuccess: () => refresh('commission'),
  });
}

export function useRecomputeStatement() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: commissionStatementsApi.recompute, onSuccess: () => refresh('commission') });
}

/** Submitting asks the approvers (or, without a flow, locks the statement at once). */
export function useSubmitStatement() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: commissionStatementsApi.submit,
    onSuccess: () => refresh('commission', 'approvals'),
  });
}
