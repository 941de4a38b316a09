import type { Body, ScoringGroupInput, ScoringRuleInput } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { scoringApi } from './api';

export const scoringKeys = keysFor('scoring');
const reasonKeys = (entity: 'leads' | 'contacts', id: number) => keysFor(entity).part('score-reasons', id);

export function useScoringSetup() {
  return useQuery({ queryKey: scoringKeys.all, queryFn: scoringApi.setup });
}

export function useScoreReasons(entity: 'leads' | 'contacts', id: number, enabled: boolean) {
  return useQuery({ queryKey: reasonKeys(entity, id), queryFn: () => scoringApi.reasons(entity, id), enabled });
}

export function useSaveScoringGroup() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof ScoringGroupInput> }) =>
      id ? scoringApi.updateGroup(id, body) : scoringApi.createGroup(body),
    onSuccess: () => refresh('scoring'),
  });
}

export function useDeleteScoringGroup() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: scoringApi.removeGroup, onSuccess: () => refresh('scoring') });
}

export function useSaveScoringRule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof ScoringRuleInput> }) =>
      id ? scoringApi.updateRule(id, body) : scoringApi.createRule(body),
    onSuccess: () => refresh('scoring'),
  });
}

export function useDeleteScoringRule() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: scoringApi.removeRule, onSuccess: () => refresh('scoring') });
}

export function useRecomputeScores() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: scoringApi.recompute, onSuccess: () => refresh('scoring') });
}
