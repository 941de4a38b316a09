import type {
  Article,
  ArticleSuggestQuery,
  ArticleSummary,
  ArticleVote,
  Body,
  Page,
  PageQuery,
  PortalAcceptInput,
  PortalAttachment,
  PortalBranding,
  PortalInvoice,
  PortalLoginInput,
  PortalOrder,
  PortalOrderDetail,
  PortalPasswordInput,
  PortalProfileInput,
  PortalRatingInput,
  PortalReplyInput,
  PortalResetInput,
  PortalSession,
  PortalSessionState,
  PortalStatement,
  PortalTicket,
  PortalTicketDetail,
  PortalTicketInput,
  PortalTicketQuery,
  QueryOf,
  SurveyAnswers,
  SurveyForm,
} from '@relate/common';
import type { Captcha } from '../../components/CaptchaField';
import { portalApi } from './portal-api';

/** A page of a list: which page and how long. */
export type PortalPageQuery = Pick<QueryOf<typeof PageQuery>, 'page' | 'pageSize'>;
/** A survey the company waits on from the signed-in contact. */
export type PortalPendingSurvey = SurveyForm & { id: number };

export const portalSessionApi = {
  branding: () => portalApi.get<PortalBranding>('/api/portal/v1/branding'),
  logoUrl: '/api/portal/v1/logo',
  /** A new captcha each time: the server keeps it for one answer. */
  captcha: () => portalApi.get<Captcha>('/api/portal/v1/captcha'),
  me: () => portalApi.get<PortalSession>('/api/portal/v1/me'),
  /** Who is signed in, or null: answers visitors without a 401. */
  session: () => portalApi.get<PortalSessionState>('/api/portal/v1/session'),
  login: (body: Body<typeof PortalLoginInput>) => portalApi.post<PortalSession>('/api/portal/v1/login', body),
  accept: (body: Body<typeof PortalAcceptInput>) => portalApi.post<PortalSession>('/api/portal/v1/accept', body),
  requestPasswordReset: (body: Body<typeof PortalResetInput>) =>
    portalApi.post<void>('/api/portal/v1/password-reset', body),
  logout: () => portalApi.post<void>('/api/portal/v1/logout'),
  updateProfile: (body: Body<typeof PortalProfileInput>) => portalApi.patch<PortalSession>('/api/portal/v1/me', body),
  changePassword: (body: Body<typeof PortalPasswordInput>) => portalApi.post<void>('/api/portal/v1/password', body),
  /** Requests carry the session's CSRF token. */
  setCsrfToken: (token: string) => portalApi.setCsrfToken(token),
  /** What to do when the server says the session has ended. */
  onSessionEnded: (handler: () => void) => portalApi.setUnauthenticatedHandler(handler),
};

export const portalTicketsApi = {
  list: (query: QueryOf<typeof PortalTicketQuery>) =>
    portalApi.get<Page<PortalTicket>>('/api/portal/v1/tickets', query),
  get: (id: number) => portalApi.get<PortalTicketDetail>(`/api/portal/v1/tickets/${id}`),
  create: (body: Body<typeof PortalTicketInput>) => portalApi.post<PortalTicketDetail>('/api/portal/v1/tickets', body),
  reply: (id: number, body: Body<typeof PortalReplyInput>) =>
    portalApi.post<PortalTicketDetail>(`/api/portal/v1/tickets/${id}/messages`, body),
  rate: (id: number, body: Body<typeof PortalRatingInput>) =>
    portalApi.post<PortalTicketDetail>(`/api/portal/v1/tickets/${id}/rating`, body),
  upload: (id: number, file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return portalApi.post<PortalAttachment>(`/api/portal/v1/tickets/${id}/attachments`, body);
  },
  fileUrl: (attachmentId: number) => `/api/portal/v1/attachments/${attachmentId}/download`,
};

export const portalKbApi = {
  list: (query: QueryOf<typeof PageQuery> & { category?: string }) =>
    portalApi.get<Page<ArticleSummary>>('/api/portal/v1/kb', query),
  suggest: (query: QueryOf<typeof ArticleSuggestQuery>) =>
    portalApi.get<ArticleSummary[]>('/api/portal/v1/kb/suggest', query),
  get: (id: number) => portalApi.get<Article>(`/api/portal/v1/kb/${id}`),
  files: (id: number) => portalApi.get<PortalAttachment[]>(`/api/portal/v1/kb/${id}/attachments`),
  fileUrl: (id: number, fileId: number) => `/api/portal/v1/kb/${id}/attachments/${fileId}`,
  vote: (id: number, body: Body<typeof ArticleVote>) => portalApi.post<Article>(`/api/portal/v1/kb/${id}/vote`, body),
};

export const portalOrdersApi = {
  list: (query: PortalPageQuery) => portalApi.get<Page<PortalOrder>>('/api/portal/v1/orders', query),
  get: (id: number) => portalApi.get<PortalOrderDetail>(`/api/portal/v1/orders/${id}`),
};

export const portalBillingApi = {
  statement: (query: PortalPageQuery) => portalApi.get<PortalStatement>('/api/portal/v1/statement', query),
  invoices: (query: PortalPageQuery) => portalApi.get<Page<PortalInvoice>>('/api/portal/v1/invoices', query),
};

export const portalSurveysApi = {
  pending: () => portalApi.get<PortalPendingSurvey[]>('/api/portal/v1/surveys'),
  answer: (id: number, body: Body<typeof SurveyAnswers>) => portalApi.post<void>(`/api/portal/v1/surveys/${id}`, body),
};
