export { settingsRoutes } from './settings.routes.ts';
export { deleteOwnRowSetting, getSettings, readOwnRowSetting, writeOwnRowSetting } from './settings.service.ts';
export { readLogo } from './company-logo.ts';
