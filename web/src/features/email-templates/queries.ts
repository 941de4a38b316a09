import type { Body, EmailTemplateInput, EmailTemplatePreviewInput, EmailTemplateQuery, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keysFor, useRefresh } from '../../app/query-keys';
import { emailTemplatesApi } from './api';

export const emailTemplateKeys = {
  ...keysFor('email-templates'),
  preview: (body: string) => keysFor('email-templates').part('preview', body),
};

export function useEmailTemplates(query: QueryOf<typeof EmailTemplateQuery>, enabled = true) {
  return useQuery({
    queryKey: emailTemplateKeys.list(query),
    queryFn: () => emailTemplatesApi.list(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEmailTemplate(id: number | null) {
  return useQuery({
    queryKey: emailTemplateKeys.detail(id ?? undefined),
    queryFn: () => emailTemplatesApi.get(id!),
    enabled: Boolean(id),
  });
}

/** The rendered preview of content being edited, asked for once it has been still for a moment. */
export function useEmailPreview(body: Body<typeof EmailTemplatePreviewInput> | null) {
  const text = body ? JSON.stringify(body) : '';
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 500);
    return () => clearTimeout(timer);
  }, [text]);
  return useQuery({
    queryKey: emailTemplateKeys.preview(settled),
    queryFn: () => emailTemplatesApi.preview(JSON.parse(settled) as Body<typeof EmailTemplatePreviewInput>),
    placeholderData: keepPreviousData,
    retry: false,
    enabled: Boolean(settled),
  });
}

export function useSaveEmailTemplate() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Body<typeof EmailTemplateInput> }) =>
      id ? emailTemplatesApi.update(id, body) : emailTemplatesApi.create(body),
    onSuccess: () => refresh('email-templates'),
  });
}

export function useDeleteEmailTemplate() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: emailTemplatesApi.remove, onSuccess: () => refresh('email-templates') });
}

export function useDuplicateEmailTemplate() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: emailTemplatesApi.duplicate, onSuccess: () => refresh('email-templates') });
}

/** Renders a template for the record an email is written from (the compose dialog's "insert template"). */
export function useRenderEmailTemplate() {
  return useMutation({
    mutationFn: ({ id, contactId, customerId }: { id: number; contactId?: number; customerId?: number }) =>
      emailTemplatesApi.render(id, { contactId: contactId ?? null, customerId: customerId ?? null }),
  });
}
