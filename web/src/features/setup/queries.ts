import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor } from '../../app/query-keys';
import { setupApi } from './api';

export const setupKeys = keysFor('setup');

export function useSetupChecklist(enabled: boolean) {
  return useQuery({ queryKey: setupKeys.detail('checklist'), queryFn: setupApi.checklist, enabled });
}

export function useUpdateSetupChecklist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setupApi.update,
    onSuccess: (checklist) => queryClient.setQueryData(setupKeys.detail('checklist'), checklist),
  });
}
