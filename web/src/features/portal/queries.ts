import type {
  ArticleVote,
  Body,
  PageQuery,
  PortalAcceptInput,
  PortalLoginInput,
  PortalPasswordInput,
  PortalProfileInput,
  PortalRatingInput,
  PortalReplyInput,
  PortalResetInput,
  PortalSession,
  PortalTicketDetail,
  PortalTicketInput,
  PortalTicketQuery,
  QueryOf,
  SurveyAnswers,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { keysFor } from '../../app/query-keys';
import type { Captcha } from '../../components/CaptchaField';
import {
  portalBillingApi,
  portalKbApi,
  portalOrdersApi,
  type PortalPageQuery,
  portalSessionApi,
  portalSurveysApi,
  portalTicketsApi,
} from './api';

const { all, part } = keysFor('portal');
export const portalKeys = {
  all,
  me: part('me'),
  branding: part('branding'),
  tickets: part('tickets'),
  ticketList: (query: object) => part('tickets', 'list', query),
  ticket: (id: number) => part('tickets', 'detail', id),
  articles: (query: object) => part('kb', 'list', query),
  suggestions: (subject: string) => part('kb', 'suggest', subject),
  article: (id: number) => part('kb', 'article', id),
  articleFiles: (id: number) => part('kb', 'article', id, 'files'),
  orders: (query: object) => part('orders', 'list', query),
  order: (id: number | null) => part('orders', 'detail', id),
  statement: (query: object) => part('statement', query),
  invoices: (query: object) => part('invoices', query),
  surveys: part('surveys'),
};

/** Everything cached for the signed-in customer: all of the portal but the session itself and the branding. */
const isCustomerData = (key: readonly unknown[]) => key[0] === 'portal' && key[1] !== 'me' && key[1] !== 'branding';

/**
 * The whole portal is one root (the customer's own session, apart from the staff app), so a change
 * refreshes the parts of it that show what changed rather than all of it with the session and branding.
 */
function useRefreshPortal() {
  const queryClient = useQueryClient();
  return useCallback(
    (...keys: (readonly unknown[])[]) =>
      Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))).then(() => undefined),
    [queryClient],
  );
}

/** Sets who is signed in; another customer's cached records must not show, so they go. */
function useSwitchSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (session: PortalSession | null) => {
      queryClient.removeQueries({ predicate: (q) => isCustomerData(q.queryKey) });
      queryClient.setQueryData(portalKeys.me, session);
    },
    [queryClient],
  );
}

// --- The session ---

/** The signed-in contact, or null when nobody is signed in. */
export function usePortalMe() {
  return useQuery({
    queryKey: portalKeys.me,
    queryFn: () =>
      portalSessionApi
        .session()
        .then((state) => state.session)
        .catch(() => null),
    staleTime: Infinity,
  });
}

/** Keeps the portal's API client in step with the session: its CSRF token, and forgetting it once the server says it ended. */
export function usePortalClientSession(session: PortalSession | null) {
  const queryClient = useQueryClient();
  useEffect(() => {
    portalSessionApi.onSessionEnded(() => queryClient.setQueryData(portalKeys.me, null));
  }, [queryClient]);
  const csrfToken = session?.csrfToken;
  useEffect(() => {
    if (csrfToken) portalSessionApi.setCsrfToken(csrfToken);
  }, [csrfToken]);
}

export function usePortalBranding() {
  return useQuery({ queryKey: portalKeys.branding, queryFn: portalSessionApi.branding, staleTime: 5 * 60_000 });
}

/**
 * The captcha shown on a form, fetched when the form opens (or only once `renew` is called); `renew` asks
 * for another. Each one is answered once, so it is never cached; the last one stays on screen until the
 * next arrives.
 */
export function usePortalCaptcha({ fetchOnOpen }: { fetchOnOpen: boolean }) {
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const { mutate } = useMutation({ mutationFn: portalSessionApi.captcha });
  // Only the latest request's answer is kept, should an older one arrive after it.
  const renew = useCallback(() => mutate(undefined, { onSuccess: setCaptcha }), [mutate]);
  useEffect(() => {
    if (fetchOnOpen) renew();
  }, [fetchOnOpen, renew]);
  return { captcha, renew };
}

export function usePortalLogin() {
  const switchSession = useSwitchSession();
  return useMutation({
    mutationFn: (body: Body<typeof PortalLoginInput>) => portalSessionApi.login(body),
    onSuccess: switchSession,
  });
}

/** Accepts an invitation: sets the password and signs in. */
export function useAcceptPortalInvitation() {
  const switchSession = useSwitchSession();
  return useMutation({
    mutationFn: (body: Body<typeof PortalAcceptInput>) => portalSessionApi.accept(body),
    onSuccess: switchSession,
  });
}

export function usePortalSignOut() {
  const switchSession = useSwitchSession();
  return useMutation({
    // Signed out here even when the server cannot be told (the session may have ended already).
    mutationFn: () => portalSessionApi.logout().catch(() => undefined),
    onSuccess: () => switchSession(null),
  });
}

export function useRequestPortalPasswordReset() {
  return useMutation({
    mutationFn: (body: Body<typeof PortalResetInput>) => portalSessionApi.requestPasswordReset(body),
  });
}

/** The contact's own details and language; the reply is the session as it now is. */
export function useUpdatePortalProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<typeof PortalProfileInput>) => portalSessionApi.updateProfile(body),
    onSuccess: (session) => queryClient.setQueryData(portalKeys.me, session),
  });
}

export function useChangePortalPassword() {
  return useMutation({
    mutationFn: (body: Body<typeof PortalPasswordInput>) => portalSessionApi.changePassword(body),
  });
}

// --- Service requests ---

export function usePortalTickets(query: QueryOf<typeof PortalTicketQuery>) {
  return useQuery({
    queryKey: portalKeys.ticketList(query),
    queryFn: () => portalTicketsApi.list(query),
    placeholderData: keepPreviousData,
  });
}

export function usePortalTicket(id: number) {
  return useQuery({ queryKey: portalKeys.ticket(id), queryFn: () => portalTicketsApi.get(id) });
}

/** Raises a request and adds its files, one after another; the reply is the new ticket. */
export function useCreatePortalTicket() {
  const refreshPortal = useRefreshPortal();
  return useMutation({
    mutationFn: async ({ body, files }: { body: Body<typeof PortalTicketInput>; files: File[] }) => {
      const ticket = await portalTicketsApi.create(body);
      for (const file of files) await portalTicketsApi.upload(ticket.id, file);
      return ticket;
    },
    onSuccess: () => refreshPortal(portalKeys.tickets),
  });
}

/** Shows the ticket as a change left it (the reply holds it) and refreshes the lists it is in. */
function useShowChangedTicket(id: number) {
  const queryClient = useQueryClient();
  const refreshPortal = useRefreshPortal();
  return useCallback(
    (ticket: PortalTicketDetail) => {
      queryClient.setQueryData(portalKeys.ticket(id), ticket);
      return refreshPortal(part('tickets', 'list'));
    },
    [queryClient, refreshPortal, id],
  );
}

export function useReplyToPortalTicket(id: number) {
  const showChanged = useShowChangedTicket(id);
  return useMutation({
    mutationFn: (body: Body<typeof PortalReplyInput>) => portalTicketsApi.reply(id, body),
    onSuccess: showChanged,
  });
}

export function useRatePortalTicket(id: number) {
  const showChanged = useShowChangedTicket(id);
  return useMutation({
    mutationFn: (body: Body<typeof PortalRatingInput>) => portalTicketsApi.rate(id, body),
    onSuccess: showChanged,
  });
}

export function useUploadPortalTicketFile(id: number) {
  const refreshPortal = useRefreshPortal();
  return useMutation({
    mutationFn: (file: File) => portalTicketsApi.upload(id, file),
    onSuccess: () => refreshPortal(portalKeys.tickets),
  });
}

// --- The FAQ ---

export function usePortalArticles(query: QueryOf<typeof PageQuery> & { category?: string }) {
  return useQuery({
    queryKey: portalKeys.articles(query),
    queryFn: () => portalKbApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/** Up to three answers that may already answer a request, once its subject has two characters. */
export function usePortalArticleSuggestions(subject: string) {
  return useQuery({
    queryKey: portalKeys.suggestions(subject),
    queryFn: () => portalKbApi.suggest({ q: subject, limit: 3 }),
    enabled: subject.trim().length >= 2,
  });
}

export function usePortalArticle(id: number) {
  return useQuery({ queryKey: portalKeys.article(id), queryFn: () => portalKbApi.get(id) });
}

export function usePortalArticleFiles(id: number, enabled: boolean) {
  return useQuery({ queryKey: portalKeys.articleFiles(id), queryFn: () => portalKbApi.files(id), enabled });
}

/** "Was this helpful": the reply is the article with the new counts. */
export function useVoteOnPortalArticle(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<typeof ArticleVote>) => portalKbApi.vote(id, body),
    onSuccess: (article) => queryClient.setQueryData(portalKeys.article(id), article),
  });
}

// --- Orders and billing ---

export function usePortalOrders(query: PortalPageQuery) {
  return useQuery({
    queryKey: portalKeys.orders(query),
    queryFn: () => portalOrdersApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/** One order's lines and deliveries; nothing is asked while none is open. */
export function usePortalOrder(id: number | null) {
  return useQuery({
    queryKey: portalKeys.order(id),
    queryFn: () => portalOrdersApi.get(id!),
    enabled: id !== null,
  });
}

export function usePortalStatement(query: PortalPageQuery) {
  return useQuery({
    queryKey: portalKeys.statement(query),
    queryFn: () => portalBillingApi.statement(query),
    placeholderData: keepPreviousData,
  });
}

export function usePortalInvoices(query: PortalPageQuery) {
  return useQuery({
    queryKey: portalKeys.invoices(query),
    queryFn: () => portalBillingApi.invoices(query),
    placeholderData: keepPreviousData,
  });
}

// --- Surveys ---

export function usePendingPortalSurveys() {
  return useQuery({ queryKey: portalKeys.surveys, queryFn: portalSurveysApi.pending });
}

export function useAnswerPortalSurvey() {
  const refreshPortal = useRefreshPortal();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof SurveyAnswers> }) => portalSurveysApi.answer(id, body),
    onSuccess: () => refreshPortal(portalKeys.surveys),
  });
}
