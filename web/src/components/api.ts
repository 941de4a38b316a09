import type {
  Attachment,
  Customer,
  CustomField,
  customFieldEntities,
  Department,
  DictionaryOption,
  DictionaryType,
  Page,
  Settings,
  User,
} from '@relate/common';
import { api, download } from '../app/api';

export type CustomFieldEntity = (typeof customFieldEntities)[number];
/** The records that hold attachments, by their API path. */
export type AttachmentHolder =
  'customers' | 'followups' | 'contracts' | 'tickets' | 'work-orders' | 'kb/articles' | 'campaigns' | 'invoices';

export const dictionariesApi = {
  options: (type: DictionaryType) => api.get<DictionaryOption[]>(`/api/v1/dictionaries/${type}/options`),
};

export const usersApi = {
  /** Everyone a picker offers (the API's largest page). */
  all: () => api.get<Page<User>>('/api/v1/users', { pageSize: 200 }),
};

export const departmentsApi = {
  list: () => api.get<Department[]>('/api/v1/departments'),
};

export const customFieldsApi = {
  list: (entity: CustomFieldEntity) => api.get<CustomField[]>('/api/v1/custom-fields', { entity }),
};

export const customerSearchApi = {
  /** The first customers whose name or code matches, for pickers. */
  search: (q: string) => api.get<Page<Customer>>('/api/v1/customers', { q: q || undefined, pageSize: 20 }),
};

export const attachmentsApi = {
  list: (holder: AttachmentHolder, id: number) => api.get<Attachment[]>(`/api/v1/${holder}/${id}/attachments`),
  upload: (holder: AttachmentHolder, id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<Attachment>(`/api/v1/${holder}/${id}/attachments`, form);
  },
  remove: (id: number) => api.delete(`/api/v1/attachments/${id}`),
};

/** Hands an attachment to the browser as a download. */
export const downloadAttachment = (id: number) => download(`/api/v1/attachments/${id}/download`);

export const settingsApi = {
  /** The system settings (every signed-in user may read them): the company's name, for the browser tab. */
  get: () => api.get<Settings>('/api/v1/settings'),
};
