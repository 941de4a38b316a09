import type {
  Body,
  SmsMessage,
  SmsOutboxItem,
  SmsRecipient,
  SmsSendInput,
  SmsSettings,
  SmsSettingsInput,
  SmsTemplate,
  SmsTemplateInput,
} from '@relate/common';
import { api } from '../../app/api';

export const smsApi = {
  settings: () => api.get<SmsSettings | null>('/api/v1/settings/sms'),
  saveSettings: (body: Body<typeof SmsSettingsInput>) => api.put<SmsSettings>('/api/v1/settings/sms', body),
  templates: () => api.get<{ items: SmsTemplate[] }>('/api/v1/sms/templates'),
  createTemplate: (body: Body<typeof SmsTemplateInput>) => api.post<SmsTemplate>('/api/v1/sms/templates', body),
  updateTemplate: (id: number, body: Body<typeof SmsTemplateInput>) =>
    api.put<SmsTemplate>(`/api/v1/sms/templates/${id}`, body),
  removeTemplate: (id: number) => api.delete(`/api/v1/sms/templates/${id}`),
  recipient: (contactId: number) => api.get<SmsRecipient>(`/api/v1/contacts/${contactId}/sms`),
  send: (contactId: number, body: Body<typeof SmsSendInput>) =>
    api.post<SmsMessage>(`/api/v1/contacts/${contactId}/sms`, body),
  outbox: (query: { page: number; pageSize: number }) =>
    api.get<{ items: SmsOutboxItem[]; total: number }>('/api/v1/sms/outbox', query),
};
