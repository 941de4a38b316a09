export { calendarRoutes } from './calendar.routes.ts';
export { checkStatutoryYears, companyCalendar } from './calendar.service.ts';
