import type { AssignmentRuleInput, Body, WebFormInput, WebFormSubmitInput } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { assignmentRulesApi, webFormsApi } from './api';

export const webFormKeys = {
  ...keysFor('web-forms'),
  submissions: (id: number, query: object) => keysFor('web-forms').part('submissions', id, query),
  hosted: (slug: string) => keysFor('public').part('web-forms', slug),
};
export const assignmentRuleKeys = keysFor('assignment-rules');

export function useWebForms(query: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: webFormKeys.list(query),
    queryFn: () => webFormsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useWebForm(id: number | undefined) {
  return useQuery({ queryKey: webFormKeys.detail(id), queryFn: () => webFormsApi.get(id!), enabled: Boolean(id) });
}

export function useSaveWebForm() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof WebFormInput> }) =>
      id ? webFormsApi.update(id, body) : webFormsApi.create(body),
    onSuccess: () => refresh('web-forms'),
  });
}

export function useDeleteWebForm() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: webFormsApi.remove, onSuccess: () => refresh('web-forms') });
}

export function useWebFormSubmissions(id: number, query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: webFormKeys.submissions(id, query),
    queryFn: () => webFormsApi.submissions(id, query),
    placeholderData: keepPreviousData,
  });
}

/** The form behind a hosted page; an address that is no live form is not asked again. */
export function useHostedForm(slug: string) {
  return useQuery({ queryKey: webFormKeys.hosted(slug), queryFn: () => webFormsApi.publicForm(slug), retry: false });
}

export function useSubmitWebForm(slug: string) {
  return useMutation({ mutationFn: (body: Body<typeof WebFormSubmitInput>) => webFormsApi.submit(slug, body) });
}

export function useAssignmentRules() {
  return useQuery({ queryKey: assignmentRuleKeys.all, queryFn: assignmentRulesApi.list });
}

export function useSaveAssignmentRule() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof AssignmentRuleInput> }) =>
      id ? assignmentRulesApi.update(id, body) : assignmentRulesApi.create(body),
    onSuccess: () => refresh('assignment-rules'),
  });
}

export function useDeleteAssignmentRule() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: assignmentRulesApi.remove, onSuccess: () => refresh('assignment-rules') });
}

export function useOrderAssignmentRules() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: assignmentRulesApi.order, onSuccess: () => refresh('assignment-rules') });
}

export function useDefaultOwner() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: assignmentRulesApi.defaultOwner, onSuccess: () => refresh('assignment-rules') });
}

export function useAssignLeadsByRules() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: assignmentRulesApi.assignLeads, onSuccess: () => refresh('leads') });
}
