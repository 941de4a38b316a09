export { recordPhoneAnswers, sendTicketSurvey } from './survey-invitations.service.ts';
export { getSurvey } from './surveys.service.ts';
export { surveysRoutes } from './surveys.routes.ts';
