export { webhooksRoutes } from './webhooks.routes.ts';
export { deliverDueWebhooks } from './webhook-delivery.ts';
