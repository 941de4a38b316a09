import type { Body, SetupChecklist, SetupChecklistPatch } from '@relate/common';
import { api } from '../../app/api';

export const setupApi = {
  checklist: () => api.get<SetupChecklist>('/api/v1/setup/checklist'),
  update: (patch: Body<typeof SetupChecklistPatch>) => api.patch<SetupChecklist>('/api/v1/setup/checklist', patch),
};
