import { createApiClient } from '../../app/api';

/** The customer portal's own API client: its own session cookie and CSRF token, apart from the staff app. */
export const portalApi = createApiClient('/login');
