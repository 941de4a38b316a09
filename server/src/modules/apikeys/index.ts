export { apiKeysRoutes } from './apikeys.routes.ts';
