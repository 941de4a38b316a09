export { customFieldsRoutes } from './custom-fields.routes.ts';
export { listCustomFields, validateCustomFields } from './custom-fields.service.ts';
