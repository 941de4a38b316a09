export { opportunitiesRoutes } from './opportunities.routes.ts';
export { createOpportunity, opportunitiesOwnership } from './opportunities.service.ts';
export { seedPipelines } from './pipelines.service.ts';
export { converter, forecast } from './board.service.ts';
export { listOpportunities } from './opportunities.service.ts';
export { opportunityLabels } from './opportunities.labels.ts';
export { customerOpenOpportunities } from './opportunities.figures.ts';
export { getOpportunity } from './opportunities.service.ts';
