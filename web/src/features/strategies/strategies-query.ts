import { type Strategy } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export function useStrategies() {
  return useQuery({ queryKey: ['strategies'], queryFn: () => api.get<Strategy[]>('/api/v1/service-strategies') });
}
