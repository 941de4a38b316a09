import type { Dashboard, DashboardInput, DashboardPatch, HomeDashboardChoice } from '@relate/common';
import { api } from '../../app/api';

export const dashboardsApi = {
  list: () => api.get<Dashboard[]>('/api/v1/dashboards'),
  get: (id: number) => api.get<Dashboard>(`/api/v1/dashboards/${id}`),
  create: (body: DashboardInput) => api.post<Dashboard>('/api/v1/dashboards', body),
  update: (id: number, patch: DashboardPatch) => api.patch<Dashboard>(`/api/v1/dashboards/${id}`, patch),
  remove: (id: number) => api.delete(`/api/v1/dashboards/${id}`),
  homeChoices: (roleId: number | undefined) =>
    api.get<HomeDashboardChoice[]>('/api/v1/dashboards/home-choices', roleId ? { roleId } : {}),
};
