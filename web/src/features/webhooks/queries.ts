import type { Body, QueryOf, WebhookDeliveryQuery, WebhookInput, WebhookPatch } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { webhooksApi } from './api';

export const webhookKeys = keysFor('webhooks');

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.list(), queryFn: webhooksApi.list });
}

export function useCreateWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof WebhookInput>) => webhooksApi.create(body),
    onSuccess: () => refresh('webhooks'),
  });
}

export function useUpdateWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof WebhookPatch> }) => webhooksApi.update(id, body),
    onSuccess: () => refresh('webhooks'),
  });
}

export function useDeleteWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: number) => webhooksApi.remove(id), onSuccess: () => refresh('webhooks') });
}

export function useRotateSecret() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => webhooksApi.rotateSecret(id),
    onSuccess: () => refresh('webhooks'),
  });
}

export function useTestWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: number) => webhooksApi.test(id), onSuccess: () => refresh('webhooks') });
}

export function useDeliveries(id: number | null, query: QueryOf<typeof WebhookDeliveryQuery>) {
  return useQuery({
    queryKey: webhookKeys.part('deliveries', id, query),
    queryFn: () => webhooksApi.deliveries(id!, query),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useResendDelivery() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (deliveryId: number) => webhooksApi.resend(deliveryId),
    onSuccess: () => refresh('webhooks'),
  });
}
