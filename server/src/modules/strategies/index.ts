export { strategiesRoutes } from './strategies.routes.ts';
