import type {
  Body,
  Contract,
  ContractInput,
  ContractQuery,
  ContractRenewal,
  ContractTermination,
  Page,
  QueryOf,
} from '@relate/common';
import { api } from '../../app/api';

export const contractsApi = {
  list: (query: QueryOf<typeof ContractQuery>) => api.get<Page<Contract>>('/api/v1/contracts', query),
  create: (body: Body<typeof ContractInput>) => api.post<Contract>('/api/v1/contracts', body),
  submit: (id: number) => api.post<Contract>(`/api/v1/contracts/${id}/submit`),
  renew: (id: number, body: Body<typeof ContractRenewal>) => api.post<Contract>(`/api/v1/contracts/${id}/renew`, body),
  terminate: (id: number, body: Body<typeof ContractTermination>) =>
    api.post<Contract>(`/api/v1/contracts/${id}/terminate`, body),
  remove: (id: number) => api.delete(`/api/v1/contracts/${id}`),
};
