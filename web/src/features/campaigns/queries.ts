import type {
  Body,
  CampaignCostInput,
  CampaignEmailAudienceInput,
  CampaignEmailSendInput,
  CampaignInput,
  CampaignMember,
  CampaignMemberQuery,
  CampaignMembersInput,
  CampaignQuery,
  CampaignSequenceInput,
  QueryOf,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { campaignsApi } from './api';

export const campaignKeys = {
  ...keysFor('campaigns'),
  costs: (id: number, query: object) => keysFor('campaigns').part('costs', id, query),
  members: (id: number, query: object) => keysFor('campaigns').part('members', id, query),
  emailSends: (id: number) => keysFor('campaigns').part('email-sends', id),
  sequence: (id: number) => keysFor('campaigns').part('sequence', id),
  memberships: (entity: string, id: number) => keysFor('campaign-memberships').part(entity, id),
};

export function useCampaigns(query: QueryOf<typeof CampaignQuery>, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.list(query),
    queryFn: () => campaignsApi.list(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCampaign(id: number, enabled = true) {
  return useQuery({ queryKey: campaignKeys.detail(id), queryFn: () => campaignsApi.get(id), enabled });
}

export function useSaveCampaign() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof CampaignInput> }) =>
      id ? campaignsApi.update(id, body) : campaignsApi.create(body),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useDeleteCampaign() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: campaignsApi.remove, onSuccess: () => refresh('campaigns') });
}

export function useCampaignCosts(id: number, query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: campaignKeys.costs(id, query),
    queryFn: () => campaignsApi.costs(id, query),
    placeholderData: keepPreviousData,
  });
}

export function useAddCampaignCost(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof CampaignCostInput>) => campaignsApi.addCost(id, body),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useRemoveCampaignCost(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (costId: number) => campaignsApi.removeCost(id, costId),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useCampaignMembers(id: number, query: QueryOf<typeof CampaignMemberQuery>) {
  return useQuery({
    queryKey: campaignKeys.members(id, query),
    queryFn: () => campaignsApi.members(id, query),
    placeholderData: keepPreviousData,
  });
}

/** Adds a list's selection to a campaign; the records' pages show their campaigns again. */
export function useAddCampaignMembers() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof CampaignMembersInput> }) =>
      campaignsApi.addMembers(id, body),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useSetMemberStatus(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ memberId, status }: { memberId: number; status: CampaignMember['status'] }) =>
      campaignsApi.setMemberStatus(id, memberId, status),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useRemoveMember(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (memberId: number) => campaignsApi.removeMember(id, memberId),
    onSuccess: () => refresh('campaigns'),
  });
}

/** The campaigns a record was in (an opportunity's through its lead, customer and contacts). */
export function useCampaignMemberships(
  entity: 'leads' | 'contacts' | 'customers' | 'opportunities',
  id: number,
  enabled = true,
) {
  return useQuery({
    queryKey: campaignKeys.memberships(entity, id),
    queryFn: () => campaignsApi.memberships({ entity, id }),
    enabled,
  });
}

/** A campaign's email sends with their reports; read again every few seconds while one is under way. */
export function useCampaignEmailSends(id: number) {
  return useQuery({
    queryKey: campaignKeys.emailSends(id),
    queryFn: () => campaignsApi.emailSends(id),
    refetchInterval: (query) =>
      query.state.data?.some((s) => s.status === 'queued' || s.status === 'sending') ? 3000 : false,
  });
}

export function useCampaignEmailAudience(id: number) {
  return useMutation({
    mutationFn: (body: Body<typeof CampaignEmailAudienceInput>) => campaignsApi.emailAudience(id, body),
  });
}

export function useStartEmailSend(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof CampaignEmailSendInput>) => campaignsApi.startEmailSend(id, body),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useChangeEmailSend(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ sendId, action }: { sendId: number; action: 'pause' | 'resume' | 'cancel' }) =>
      campaignsApi.changeEmailSend(id, sendId, action),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useSendTestEmail(id: number) {
  return useMutation({ mutationFn: (templateId: number) => campaignsApi.sendTestEmail(id, templateId) });
}

/** A campaign's sequence and its figures; read again every few seconds while it runs. */
export function useCampaignSequence(id: number) {
  return useQuery({
    queryKey: campaignKeys.sequence(id),
    queryFn: () => campaignsApi.sequence(id),
    refetchInterval: (query) => (query.state.data?.sequence?.status === 'active' ? 5000 : false),
  });
}

export function useSaveSequence(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof CampaignSequenceInput>) => campaignsApi.saveSequence(id, body),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useChangeSequence(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (action: 'start' | 'pause' | 'resume') => campaignsApi.changeSequence(id, action),
    onSuccess: () => refresh('campaigns'),
  });
}

export function useRemoveSequence(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => campaignsApi.removeSequence(id), onSuccess: () => refresh('campaigns') });
}
