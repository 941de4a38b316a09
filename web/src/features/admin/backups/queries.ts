import type { Backup, Settings } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../../app/api';

export const backupKeys = { all: ['backups'] as const };

export const backupsApi = {
  list: () => api.get<Backup[]>('/api/v1/backups'),
  create: () => api.post<Backup>('/api/v1/backups'),
  download: (name: string) => download(`/api/v1/backups/${encodeURIComponent(name)}`),
  keep: (backupsKept: number) => api.patch<Settings>('/api/v1/settings', { backupsKept }),
};

export function useBackups() {
  return useQuery({ queryKey: backupKeys.all, queryFn: backupsApi.list });
}

/** Makes a backup on the server, then hands it to the browser as a download. */
export function useDownloadNewBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: backupsApi.create,
    onSuccess: (backup) => {
      backupsApi.download(backup.name);
      void queryClient.invalidateQueries({ queryKey: backupKeys.all });
    },
  });
}

export function useKeepBackups() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: backupsApi.keep,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['settings'] });
      void queryClient.invalidateQueries({ queryKey: backupKeys.all });
    },
  });
}
