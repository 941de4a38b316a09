import type { Backup } from '@relate/common';
import { api, download } from '../../../app/api';

export const backupsApi = {
  list: () => api.get<Backup[]>('/api/v1/backups'),
  create: () => api.post<Backup>('/api/v1/backups'),
  /** Hands a kept backup to the browser as a download. */
  download: (name: string) => download(`/api/v1/backups/${encodeURIComponent(name)}`),
};
