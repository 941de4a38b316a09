import type {
  Body,
  EmailTemplate,
  EmailTemplateInput,
  EmailTemplatePatch,
  EmailTemplatePreviewInput,
  EmailTemplateQuery,
  EmailTemplateRenderInput,
  EmailTemplateSummary,
  Page,
  QueryOf,
  RenderedEmail,
} from '@relate/common';
import { api } from '../../app/api';

export const emailTemplatesApi = {
  list: (query: QueryOf<typeof EmailTemplateQuery>) =>
    api.get<Page<EmailTemplateSummary>>('/api/v1/email-templates', query),
  get: (id: number) => api.get<EmailTemplate>(`/api/v1/email-templates/${id}`),
  create: (body: Body<typeof EmailTemplateInput>) => api.post<EmailTemplate>('/api/v1/email-templates', body),
  update: (id: number, body: Body<typeof EmailTemplatePatch>) =>
    api.patch<EmailTemplate>(`/api/v1/email-templates/${id}`, body),
  remove: (id: number) => api.delete(`/api/v1/email-templates/${id}`),
  duplicate: (id: number) => api.post<EmailTemplate>(`/api/v1/email-templates/${id}/duplicate`, {}),
  render: (id: number, body: Body<typeof EmailTemplateRenderInput>) =>
    api.post<RenderedEmail>(`/api/v1/email-templates/${id}/render`, body),
  preview: (body: Body<typeof EmailTemplatePreviewInput>) =>
    api.post<RenderedEmail>('/api/v1/email-templates/preview', body),
};
