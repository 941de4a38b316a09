import type { Body, SavedFilter, SavedFilterInput, SavedFilterPatch, SavedViewEntity } from '@relate/common';
import { api } from '../../app/api';

/** A saved view of a list: its filters, sort, columns and density (the API's saved filters). */
export type SavedView = SavedFilter;

export const savedViewsApi = {
  list: (entity: SavedViewEntity) => api.get<SavedView[]>('/api/v1/saved-filters', { entity }),
  create: (body: Body<typeof SavedFilterInput>) => api.post<SavedView>('/api/v1/saved-filters', body),
  update: (id: number, body: Body<typeof SavedFilterPatch>) =>
    api.patch<SavedView>(`/api/v1/saved-filters/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/saved-filters/${id}`),
};
