import type { DashboardInput, DashboardPatch, ReportDefinitionInput } from '@relate/common';
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { reportsApi } from '../reports/api';
import { reportKeys } from '../reports/queries';
import { dashboardsApi } from './api';
import { orderDashboards } from './dashboard-widgets';

export const dashboardKeys = keysFor('dashboards');

/** The dashboards the caller sees: the built-in ones first (executive, sales, service, finance), then their own, then those shared with them. */
export function useDashboards() {
  return useQuery({ queryKey: dashboardKeys.list(), queryFn: dashboardsApi.list, select: orderDashboards });
}

/** One dashboard; none while `id` is undefined. */
export function useDashboard(id: number | undefined) {
  return useQuery({
    queryKey: dashboardKeys.detail(id),
    queryFn: () => dashboardsApi.get(id!),
    enabled: id !== undefined,
  });
}

/** The dashboards a role's home page may show: the built-in ones and those shared with the role (none yet for a new one). */
export function useHomeDashboardChoices(roleId: number | undefined) {
  return useQuery({
    queryKey: dashboardKeys.part('home-choices', roleId ?? null),
    queryFn: () => dashboardsApi.homeChoices(roleId),
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

/**
 * A widget's figures: its report run on its own (none while `definition` is null), read again every
 * `refreshMinutes` while the dashboard is open. A new period or department keeps the figures shown until
 * the new ones come.
 */
function widgetQuery(definition: ReportDefinitionInput | null, refreshMinutes: number | null) {
  return queryOptions({
    queryKey: reportKeys.part('widget', definition),
    queryFn: () => reportsApi.run(definition!),
    enabled: definition !== null,
    refetchInterval: refreshMinutes ? refreshMinutes * 60_000 : false,
    placeholderData: keepPreviousData,
  });
}

export function useWidgetResult(definition: ReportDefinitionInput | null, refreshMinutes: number | null) {
  return useQuery(widgetQuery(definition, refreshMinutes));
}

/**
 * The widgets' reads as a whole (the same reads as the widgets' own, one request each): when the last
 * of them came, and whether any is under way.
 */
export function useWidgetsStatus(definitions: Array<ReportDefinitionInput | null>, refreshMinutes: number | null) {
  return useQueries({
    queries: definitions.map((definition) => widgetQuery(definition, refreshMinutes)),
    combine: (results) => ({
      updatedAt: Math.max(0, ...results.map((r) => r.dataUpdatedAt)),
      fetching: results.some((r) => r.isFetching),
    }),
  });
}

/** Runs every widget shown again. */
export function useRefreshWidgets() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: reportKeys.part('widget') }), [queryClient]);
}
