export { apiKeysRoutes } from './apikeys.routes.ts';
export { revokeAllKeys } from './apikeys.service.ts';
