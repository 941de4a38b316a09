import type { Body, SurveyAnswers, WebFormTicket } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { keysFor, useRefresh } from '../../app/query-keys';
import type { Captcha } from '../../components/CaptchaField';
import { publicApi } from './api';

export const publicKeys = { ...keysFor('public'), survey: (token: string) => ['public', 'surveys', token] as const };

/**
 * The captcha shown on a form, fetched when the form opens; `renew` asks for another. Each one is answered
 * once, so it is never cached; the last one stays on screen until the next arrives.
 */
export function useCaptcha() {
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const { mutate } = useMutation({ mutationFn: publicApi.captcha });
  // Only the latest request's answer is kept, should an older one arrive after it.
  const renew = useCallback(() => mutate(undefined, { onSuccess: setCaptcha }), [mutate]);
  useEffect(() => renew(), [renew]);
  return { captcha, renew };
}

/** A visitor's request from the public web form; it becomes a ticket. */
export function useSendWebFormTicket() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof WebFormTicket>) => publicApi.sendTicket(body),
    onSuccess: () => refresh('tickets'),
  });
}

/** The survey behind a link; a link that is invalid or expired is not asked again. */
export function usePublicSurvey(token: string) {
  return useQuery({ queryKey: publicKeys.survey(token), queryFn: () => publicApi.survey(token), retry: false });
}

export function useAnswerPublicSurvey(token: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof SurveyAnswers>) => publicApi.answerSurvey(token, body),
    onSuccess: () => refresh('public', 'surveys'),
  });
}

/** What an email's unsubscribe link names; `preview` is the link of a template's preview, which names no one. */
export function useUnsubscribeLink(token: string) {
  return useQuery({
    queryKey: ['public', 'unsubscribe', token] as const,
    queryFn: () => publicApi.unsubscribeLink(token),
    enabled: token !== 'preview',
    retry: false,
  });
}

export function useUnsubscribe(token: string) {
  return useMutation({ mutationFn: () => publicApi.unsubscribe(token) });
}
