import type { Board, OpportunityDetail, Page, Opportunity, Pipeline } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

type Filters = Record<string, string | number | undefined>;

export const opportunityKeys = {
  all: ['opportunities'] as const,
  pipelines: ['opportunities', 'pipelines'] as const,
  board: (pipelineId: number, filters: Filters) => ['opportunities', 'board', pipelineId, filters] as const,
  list: (filters: Filters) => ['opportunities', 'list', filters] as const,
  detail: (id: number) => ['opportunities', 'detail', id] as const,
};

export function usePipelines() {
  return useQuery({
    queryKey: opportunityKeys.pipelines,
    queryFn: () => api.get<Pipeline[]>('/api/v1/pipelines'),
    staleTime: 60_000,
  });
}

export function useBoard(pipelineId: number | undefined, filters: Filters) {
  return useQuery({
    queryKey: opportunityKeys.board(pipelineId ?? 0, filters),
    queryFn: () => api.get<Board>(`/api/v1/pipelines/${pipelineId}/board`, filters),
    enabled: Boolean(pipelineId),
    placeholderData: (previous) => previous,
  });
}

export function useOpportunities(filters: Filters) {
  return useQuery({
    queryKey: opportunityKeys.list(filters),
    queryFn: () => api.get<Page<Opportunity>>('/api/v1/opportunities', filters),
    placeholderData: (previous) => previous,
  });
}

export function useOpportunity(id: number) {
  return useQuery({
    queryKey: opportunityKeys.detail(id),
    queryFn: () => api.get<OpportunityDetail>(`/api/v1/opportunities/${id}`),
  });
}

export function useSaveOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, values }: { id?: number; values: Record<string, unknown> }) =>
      id
        ? api.patch<OpportunityDetail>(`/api/v1/opportunities/${id}`, values)
        : api.post<OpportunityDetail>('/api/v1/opportunities', values),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

export function useDeleteOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/opportunities/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.all }),
  });
}
