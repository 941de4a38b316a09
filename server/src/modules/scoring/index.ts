export { scoringRoutes } from './scoring.routes.ts';
export {
  recordBehaviour,
  scoreNewRecords,
  scoreRecords,
  recomputeAll,
  nightlyScoring,
  scoreOf,
  type BehaviourInput,
} from './scoring.engine.ts';
export { recomputeJobKind } from './scoring.service.ts';
