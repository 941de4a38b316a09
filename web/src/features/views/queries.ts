import type { Body, SavedFilterInput, SavedFilterPatch, SavedViewEntity } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { savedViewsApi } from './api';

export const savedViewKeys = keysFor('saved-filters');

/** The caller's own views of a list and the shared ones. */
export function useSavedViews(entity: SavedViewEntity) {
  return useQuery({
    queryKey: savedViewKeys.list({ entity }),
    queryFn: () => savedViewsApi.list(entity),
    staleTime: 60_000,
  });
}

export function useCreateSavedView() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof SavedFilterInput>) => savedViewsApi.create(body),
    onSuccess: () => refresh('saved-filters'),
  });
}

export function useUpdateSavedView() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: Body<typeof SavedFilterPatch> & { id: number }) => savedViewsApi.update(id, body),
    onSuccess: () => refresh('saved-filters'),
  });
}

export function useDeleteSavedView() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => savedViewsApi.remove(id),
    onSuccess: () => refresh('saved-filters'),
  });
}
