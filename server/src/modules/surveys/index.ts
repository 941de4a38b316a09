export { sendTicketSurvey } from './survey-invitations.service.ts';
export { surveysRoutes } from './surveys.routes.ts';
