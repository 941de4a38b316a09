export { customFieldsRoutes } from './custom-fields.routes.ts';
export { validateCustomFields } from './custom-fields.service.ts';
