export { assignmentRulesRoutes } from './assignment-rules.routes.ts';
export { type LeadFacts, pickOwnersByRules, type RulePick } from './assignment-rules.service.ts';
