export { settingsRoutes } from './settings.routes.ts';
export { getSettings } from './settings.service.ts';
export { readLogo } from './company-logo.ts';
