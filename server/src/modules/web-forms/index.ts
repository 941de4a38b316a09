export { webFormsRoutes } from './web-forms.routes.ts';
