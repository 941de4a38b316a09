import type {
  Asset,
  AssetInput,
  AssetPatch,
  AssetQuery,
  Body,
  Page,
  QueryOf,
  ServiceContract,
  ServiceContractInput,
  ServiceContractQuery,
} from '@relate/common';
import { api } from '../../app/api';

export const assetsApi = {
  list: (query: QueryOf<typeof AssetQuery>) => api.get<Page<Asset>>('/api/v1/assets', query),
  create: (body: Body<typeof AssetInput>) => api.post<Asset>('/api/v1/assets', body),
  update: (id: number, body: Body<typeof AssetPatch>) => api.patch<Asset>(`/api/v1/assets/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/assets/${id}`),
};

export const serviceContractsApi = {
  list: (query: QueryOf<typeof ServiceContractQuery>) =>
    api.get<Page<ServiceContract>>('/api/v1/service-contracts', query),
  create: (body: Body<typeof ServiceContractInput>) => api.post<ServiceContract>('/api/v1/service-contracts', body),
  update: (id: number, body: Body<typeof ServiceContractInput>) =>
    api.put<ServiceContract>(`/api/v1/service-contracts/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/service-contracts/${id}`),
};
