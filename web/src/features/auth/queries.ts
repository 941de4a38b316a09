import type { Body, ChangePasswordInput, LoginInput } from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { apiKeysApi, authApi } from './api';

export const apiKeyKeys = keysFor('apikeys');

/** Asks for a new captcha: each one is answered once, so it is fetched anew, never served from the cache. */
export function useNewCaptcha() {
  return useMutation({ mutationFn: authApi.captcha });
}

/** Signs in; the caller hands the session to useSession().signedIn. */
export function useLogin() {
  return useMutation({ mutationFn: (body: Body<typeof LoginInput>) => authApi.login(body) });
}

export function useChangePassword() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof ChangePasswordInput>) => authApi.changePassword(body),
    onSuccess: () => refresh('apikeys'),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: apiKeyKeys.list(), queryFn: apiKeysApi.list });
}

export function useCreateApiKey() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (name: string) => apiKeysApi.create({ name }),
    onSuccess: () => refresh('apikeys'),
  });
}

export function useRevokeApiKey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: apiKeysApi.revoke, onSuccess: () => refresh('apikeys') });
}
