export { emailTemplatesRoutes } from './email-templates.routes.ts';
export { getTemplate, renderTemplate } from './email-templates.service.ts';
export { type UnsubscribeHolder, unsubscribeUrl } from './unsubscribe.ts';
