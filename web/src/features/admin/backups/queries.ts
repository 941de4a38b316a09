import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../../app/query-keys';
import { settingsApi } from '../api';
import { backupsApi } from './api';

export const backupKeys = keysFor('backups');

export function useBackups() {
  return useQuery({ queryKey: backupKeys.list(), queryFn: backupsApi.list });
}

/** Makes a backup on the server, then hands it to the browser as a download. */
export function useDownloadNewBackup() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: backupsApi.create,
    onSuccess: (backup) => {
      backupsApi.download(backup.name);
      return refresh('backups');
    },
  });
}

/** How many backups the server keeps: a setting, and fewer kept may remove some. */
export function useKeepBackups() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (backupsKept: number) => settingsApi.update({ backupsKept }),
    onSuccess: () => refresh('settings', 'backups'),
  });
}
