import type { DashboardInput, DashboardPatch } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { dashboardsApi } from './api';

export const dashboardKeys = keysFor('dashboards');

/** The dashboards the caller sees: the built-in ones first, then their own and those shared with them. */
export function useDashboards() {
  return useQuery({ queryKey: dashboardKeys.list(), queryFn: dashboardsApi.list });
}

/** One dashboard; none while `id` is undefined. */
export function useDashboard(id: number | undefined) {
  return useQuery({
    queryKey: dashboardKeys.detail(id),
    queryFn: () => dashboardsApi.get(id!),
    enabled: id !== undefined,
  });
}

/**
 * Saves a dashboard: a new one (no `id`, the whole dashboard), or a change to one of the caller's own
 * (`id`, only what changes).
 */
export function useSaveDashboard() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (save: { id?: undefined; body: DashboardInput } | { id: number; body: DashboardPatch }) =>
      save.id === undefined ? dashboardsApi.create(save.body) : dashboardsApi.update(save.id, save.body),
    onSuccess: () => refresh('dashboards'),
  });
}

export function useDeleteDashboard() {
  const refreshAfterDelete = useRefreshAfterDelete();
  return useMutation({
    mutationFn: (id: number) => dashboardsApi.remove(id),
    onSuccess: (_, id) => refreshAfterDelete([id], 'dashboards'),
  });
}
