import type { Body, SurveyAnswers, SurveyForm, UnsubscribeLink, WebFormTicket } from '@relate/common';
import { api } from '../../app/api';
import type { Captcha } from '../../components/CaptchaField';

/** What the web form answers: the number of the ticket it opened. */
export type WebFormReceipt = { number: string };

export const publicApi = {
  /** A new captcha each time: the server keeps it for one answer. */
  captcha: () => api.get<Captcha>('/api/v1/auth/captcha'),
  sendTicket: (body: Body<typeof WebFormTicket>) => api.post<WebFormReceipt>('/api/public/v1/tickets', body),
  survey: (token: string) => api.get<SurveyForm>(`/api/public/v1/surveys/${token}`),
  answerSurvey: (token: string, body: Body<typeof SurveyAnswers>) => api.post(`/api/public/v1/surveys/${token}`, body),
  unsubscribeLink: (token: string) => api.get<UnsubscribeLink>(`/api/public/v1/unsubscribe/${token}`),
  unsubscribe: (token: string) => api.post(`/api/public/v1/unsubscribe/${token}`, {}),
};
