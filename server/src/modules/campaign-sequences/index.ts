export { campaignSequencesRoutes } from './campaign-sequences.routes.ts';
export { advanceJobKind, advanceSequences, type AdvanceOptions, type RunHooks } from './sequence-runner.ts';
