import type {
  Body,
  CannedAnswerInput,
  QueryOf,
  SatisfactionQuery,
  SlaPolicyInput,
  TicketAssign,
  TicketCallback,
  TicketDetail,
  TicketEscalate,
  TicketInput,
  TicketMerge,
  TicketMessageInput,
  TicketPatch,
  TicketQuery,
  TicketTransition,
  UsageInput,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { type CannedAnswerFilters, cannedAnswersApi, contactsApi, slaPoliciesApi, ticketsApi } from './api';

export const ticketKeys = {
  ...keysFor('tickets'),
  counts: ['tickets', 'counts'] as const,
  satisfaction: (query: object) => ['tickets', 'satisfaction', query] as const,
  coverage: (id: number) => ['tickets', 'coverage', id] as const,
};
export const cannedAnswerKeys = keysFor('canned-answers');
export const slaPolicyKeys = keysFor('sla-policies');
const contactKeys = keysFor('contacts');

export function useTickets(query: QueryOf<typeof TicketQuery>) {
  return useQuery({
    queryKey: ticketKeys.list(query),
    queryFn: () => ticketsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useTicketCounts() {
  return useQuery({ queryKey: ticketKeys.counts, queryFn: ticketsApi.counts });
}

export function useTicket(id: number) {
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => ticketsApi.get(id) });
}

export function useCreateTicket() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof TicketInput>) => ticketsApi.create(body),
    onSuccess: () => refresh('tickets'),
  });
}

/** A change that replies with the ticket as it now is: shown at once, then everything showing tickets refreshed. */
function useTicketChange<A>(change: (args: A) => Promise<TicketDetail>) {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: change,
    onSuccess: (updated) => {
      queryClient.setQueryData(ticketKeys.detail(updated.id), updated);
      return refresh('tickets');
    },
  });
}

type Change<S> = { id: number; body: S };

export const useUpdateTicket = () =>
  useTicketChange(({ id, body }: Change<Body<typeof TicketPatch>>) => ticketsApi.update(id, body));

export function useBulkUpdateTickets() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ticketsApi.bulkUpdate, onSuccess: () => refresh('tickets') });
}

export const useAddTicketMessage = () =>
  useTicketChange(({ id, body }: Change<Body<typeof TicketMessageInput>>) => ticketsApi.addMessage(id, body));
export const useTransitionTicket = () =>
  useTicketChange(({ id, body }: Change<Body<typeof TicketTransition>>) => ticketsApi.transition(id, body));
export const useAssignTicket = () =>
  useTicketChange(({ id, body }: Change<Body<typeof TicketAssign>>) => ticketsApi.assign(id, body));
export const useEscalateTicket = () =>
  useTicketChange(({ id, body }: Change<Body<typeof TicketEscalate>>) => ticketsApi.escalate(id, body));
export const useMergeTicket = () =>
  useTicketChange(({ id, body }: Change<Body<typeof TicketMerge>>) => ticketsApi.merge(id, body));
export const useRecordCallback = () =>
  useTicketChange(({ id, body }: Change<Body<typeof TicketCallback>>) => ticketsApi.callback(id, body));

export function useSatisfaction(query: QueryOf<typeof SatisfactionQuery>) {
  return useQuery({ queryKey: ticketKeys.satisfaction(query), queryFn: () => ticketsApi.satisfaction(query) });
}

export function useTicketCoverage(ticketId: number) {
  return useQuery({ queryKey: ticketKeys.coverage(ticketId), queryFn: () => ticketsApi.coverage(ticketId) });
}

/** Work done on a ticket counts against its service contract. */
export function useRecordUsage() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: Change<Body<typeof UsageInput>>) => ticketsApi.recordUsage(id, body),
    onSuccess: () => refresh('tickets', 'service-contracts'),
  });
}

export function useCannedAnswers(query: CannedAnswerFilters) {
  return useQuery({ queryKey: cannedAnswerKeys.list(query), queryFn: () => cannedAnswersApi.list(query) });
}

export function useSaveCannedAnswer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof CannedAnswerInput> }) =>
      id ? cannedAnswersApi.update(id, body) : cannedAnswersApi.create(body),
    onSuccess: () => refresh('canned-answers'),
  });
}

export function useDeleteCannedAnswer() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: cannedAnswersApi.remove, onSuccess: () => refresh('canned-answers') });
}

export function useSlaPolicies() {
  return useQuery({ queryKey: slaPolicyKeys.all, queryFn: slaPoliciesApi.list });
}

export function useSaveSlaPolicy() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof SlaPolicyInput> }) =>
      id ? slaPoliciesApi.update(id, body) : slaPoliciesApi.create(body),
    onSuccess: () => refresh('sla-policies'),
  });
}

export function useDeleteSlaPolicy() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: slaPoliciesApi.remove, onSuccess: () => refresh('sla-policies') });
}

/** The contacts of the customer a new ticket is for. */
export function useCustomerContacts(customerId: number | undefined, enabled: boolean) {
  const query = { customerId, pageSize: 200 };
  return useQuery({
    queryKey: contactKeys.list(query),
    queryFn: () => contactsApi.list(query),
    enabled: Boolean(customerId) && enabled,
  });
}
