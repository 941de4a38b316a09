import type { Article, ArticleInput, ArticleQuery, Body, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { articlesApi, ticketArticlesApi } from './api';

export const articleKeys = {
  ...keysFor('kb'),
  versions: (id: number) => ['kb', 'versions', id] as const,
  suggest: (q: string) => ['kb', 'suggest', q] as const,
};
/** The articles linked to a ticket are part of the ticket (its path is under /tickets). */
export const ticketArticleKeys = (ticketId: number) => keysFor('tickets').part('articles', ticketId);

export function useArticles(query: QueryOf<typeof ArticleQuery>) {
  return useQuery({
    queryKey: articleKeys.list(query),
    queryFn: () => articlesApi.list(query),
    placeholderData: keepPreviousData,
  });
}

/** One article; `null` (a new one) asks for nothing. */
export function useArticle(id: number | null) {
  return useQuery({
    queryKey: articleKeys.detail(id ?? undefined),
    queryFn: () => articlesApi.get(id!),
    enabled: id !== null,
  });
}

export function useArticleVersions(id: number, enabled: boolean) {
  return useQuery({ queryKey: articleKeys.versions(id), queryFn: () => articlesApi.versions(id), enabled });
}

export function useSuggestedArticles(subject: string, enabled: boolean) {
  return useQuery({ queryKey: articleKeys.suggest(subject), queryFn: () => articlesApi.suggest(subject), enabled });
}

export function useSaveArticle() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number | null; body: Body<typeof ArticleInput> }) =>
      id ? articlesApi.update(id, body) : articlesApi.create(body),
    onSuccess: () => refresh('kb'),
  });
}

/** A change that replies with the article as it now is: shown at once, then everything showing articles refreshed. */
function useArticleChange<A>(change: (args: A) => Promise<Article>) {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: change,
    onSuccess: (updated) => {
      queryClient.setQueryData(articleKeys.detail(updated.id), updated);
      return refresh('kb');
    },
  });
}

export const usePublishArticle = () => useArticleChange(articlesApi.publish);
export const useUnpublishArticle = () => useArticleChange(articlesApi.unpublish);
export const useVoteArticle = () =>
  useArticleChange(({ id, helpful }: { id: number; helpful: boolean }) => articlesApi.vote(id, { helpful }));

export function useDeleteArticle() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: articlesApi.remove,
    // Not awaited: the page of the deleted article is left at once, before its refetch finds it gone.
    onSuccess: () => void refresh('kb'),
  });
}

export function useTicketArticles(ticketId: number) {
  return useQuery({ queryKey: ticketArticleKeys(ticketId), queryFn: () => ticketArticlesApi.list(ticketId) });
}

export function useLinkArticle() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ ticketId, articleId }: { ticketId: number; articleId: number }) =>
      ticketArticlesApi.link(ticketId, { articleId }),
    onSuccess: (linked, { ticketId }) => {
      queryClient.setQueryData(ticketArticleKeys(ticketId), linked);
      return refresh('tickets');
    },
  });
}
