import type {
  Article,
  ArticleInput,
  ArticleQuery,
  ArticleSummary,
  ArticleVersion,
  ArticleVote,
  Body,
  Page,
  QueryOf,
  TicketArticleLink,
} from '@relate/common';
import { api } from '../../app/api';

export const articlesApi = {
  list: (query: QueryOf<typeof ArticleQuery>) => api.get<Page<ArticleSummary>>('/api/v1/kb/articles', query),
  get: (id: number) => api.get<Article>(`/api/v1/kb/articles/${id}`),
  versions: (id: number) => api.get<ArticleVersion[]>(`/api/v1/kb/articles/${id}/versions`),
  /** Published articles that match a text (a ticket's subject). */
  suggest: (q: string) => api.get<ArticleSummary[]>('/api/v1/kb/suggest', { q }),
  create: (body: Body<typeof ArticleInput>) => api.post<Article>('/api/v1/kb/articles', body),
  update: (id: number, body: Body<typeof ArticleInput>) => api.put<Article>(`/api/v1/kb/articles/${id}`, body),
  publish: (id: number) => api.post<Article>(`/api/v1/kb/articles/${id}/publish`),
  unpublish: (id: number) => api.post<Article>(`/api/v1/kb/articles/${id}/unpublish`),
  vote: (id: number, body: Body<typeof ArticleVote>) => api.post<Article>(`/api/v1/kb/articles/${id}/vote`, body),
  remove: (id: number) => api.delete(`/api/v1/kb/articles/${id}`),
};

/** The articles linked to a ticket; linking replies with the whole list. */
export const ticketArticlesApi = {
  list: (ticketId: number) => api.get<ArticleSummary[]>(`/api/v1/tickets/${ticketId}/articles`),
  link: (ticketId: number, body: Body<typeof TicketArticleLink>) =>
    api.post<ArticleSummary[]>(`/api/v1/tickets/${ticketId}/articles`, body),
};
