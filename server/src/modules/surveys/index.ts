export { sendTicketSurvey } from './survey-invitations.service.ts';
export { originOf, surveysRoutes } from './surveys.routes.ts';
