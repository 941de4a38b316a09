export { opportunitiesRoutes } from './opportunities.routes.ts';
export { opportunitiesOwnership } from './opportunities.service.ts';
export { seedPipelines } from './pipelines.service.ts';
