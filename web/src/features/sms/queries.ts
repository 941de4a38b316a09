import type { Body, SmsSendInput, SmsSettingsInput, SmsTemplateInput } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { smsApi } from './api';

export const smsKeys = keysFor('sms');

export function useSmsSettings() {
  return useQuery({ queryKey: smsKeys.part('settings'), queryFn: smsApi.settings });
}

export function useSaveSmsSettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof SmsSettingsInput>) => smsApi.saveSettings(body),
    onSuccess: () => refresh('sms'),
  });
}

export function useSmsTemplates(enabled = true) {
  return useQuery({ queryKey: smsKeys.part('templates'), queryFn: smsApi.templates, enabled });
}

export function useSaveSmsTemplate() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof SmsTemplateInput> }) =>
      id ? smsApi.updateTemplate(id, body) : smsApi.createTemplate(body),
    onSuccess: () => refresh('sms'),
  });
}

export function useDeleteSmsTemplate() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: smsApi.removeTemplate, onSuccess: () => refresh('sms') });
}

export function useSmsRecipient(contactId: number | undefined) {
  return useQuery({
    queryKey: smsKeys.part('recipient', contactId),
    queryFn: () => smsApi.recipient(contactId!),
    enabled: contactId !== undefined,
  });
}

export function useSendSms() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ contactId, body }: { contactId: number; body: Body<typeof SmsSendInput> }) =>
      smsApi.send(contactId, body),
    onSuccess: () => refresh('sms'),
  });
}

export function useSmsOutbox(query: { page: number; pageSize: number }) {
  return useQuery({ queryKey: smsKeys.list({ outbox: true, ...query }), queryFn: () => smsApi.outbox(query) });
}
