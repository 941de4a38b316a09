import type { ErrorCode } from '@relate/common';
import { rememberCursor, withRememberedCursor } from './list-cursors';

/** An error reply of the API: its code, message (already in the user's language) and field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | string[] | number[] | undefined | null>;

export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A JSON client with its own CSRF token and "signed out" handler: the staff app and the customer
 * portal each hold their own session.
 */
export function createApiClient(loginPath: string) {
  let csrfToken = '';
  let onUnauthenticated: () => void = () => undefined;

  async function request<T>(method: string, url: string, body?: unknown, query?: Query): Promise<T> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${url}${toQueryString(query)}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    if (response.status === 204) return undefined as T;
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = data?.error ?? {};
      if (response.status === 401 && !url.endsWith(loginPath)) onUnauthenticated();
      throw new ApiError(response.status, error.code ?? 'INTERNAL', error.message ?? response.statusText, error.fields);
    }
    return data as T;
  }

  /** A file the server makes from a posted body (a report as PDF): its contents and the name it gives it. */
  async function postForFile(url: string, body: unknown): Promise<{ blob: Blob; fileName: string | null }> {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const error = (await response.json().catch(() => ({})))?.error ?? {};
      if (response.status === 401) onUnauthenticated();
      throw new ApiError(response.status, error.code ?? 'INTERNAL', error.message ?? response.statusText, error.fields);
    }
    const named = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '');
    return { blob: await response.blob(), fileName: named ? decodeURIComponent(named[1]) : null };
  }

  return {
    postForFile,
    get: async <T>(url: string, query?: Query) => {
      const data = await request<T>('GET', url, undefined, withRememberedCursor(url, query));
      rememberCursor(url, query, data);
      return data;
    },
    post: <T>(url: string, body?: unknown, query?: Query) => request<T>('POST', url, body ?? {}, query),
    patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
    put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
    delete: <T = void>(url: string) => request<T>('DELETE', url),
    setCsrfToken: (token: string) => {
      csrfToken = token;
    },
    setUnauthenticatedHandler: (handler: () => void) => {
      onUnauthenticated = handler;
    },
  };
}

export const api = createApiClient('/auth/login');
export const setCsrfToken = api.setCsrfToken;
export const setUnauthenticatedHandler = api.setUnauthenticatedHandler;

/** Saves a file made in the page (or fetched) under a name, as a download. */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Starts a file download of an API resource with the browser's own machinery (cookie auth). */
export function download(url: string, query?: Query) {
  const link = document.createElement('a');
  link.href = `${url}${toQueryString(query)}`;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
