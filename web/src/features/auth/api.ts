import type { ApiKey, ApiKeyInput, Body, ChangePasswordInput, LoginInput, SessionInfo } from '@relate/common';
import { api } from '../../app/api';
import type { Captcha } from '../../components/CaptchaField';

export const authApi = {
  /** A new captcha; the server makes one for each request. */
  captcha: () => api.get<Captcha>('/api/v1/auth/captcha'),
  login: (body: Body<typeof LoginInput>) => api.post<SessionInfo>('/api/v1/auth/login', body),
  /** Changes one's own password; the server revokes one's API keys and says how many. */
  changePassword: (body: Body<typeof ChangePasswordInput>) =>
    api.post<{ apiKeysRevoked: number }>('/api/v1/auth/password', body),
};

export const apiKeysApi = {
  list: () => api.get<ApiKey[]>('/api/v1/apikeys'),
  /** The key itself is in this reply only. */
  create: (body: Body<typeof ApiKeyInput>) =>
    api.post<{ id: number; name: string; key: string }>('/api/v1/apikeys', body),
  revoke: (id: number) => api.delete(`/api/v1/apikeys/${id}`),
};
