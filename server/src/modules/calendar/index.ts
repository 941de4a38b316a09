export { calendarRoutes } from './calendar.routes.ts';
export { companyCalendar } from './calendar.service.ts';
