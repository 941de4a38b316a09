import {
  CalendarYear,
  CalendarYearParams,
  LunarDays,
  LunarDaysQuery,
  WorkingDaysQuery,
  WorkingDaysResult,
} from '@relate/common';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { defineRoute } from '../../platform/route.ts';
import * as service from './calendar.service.ts';

export function calendarRoutes(app: FastifyInstance, { db }: AppContext): void {
  const tag = 'settings';
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calendar/years/:year',
      access: 'authenticated',
      tag,
      summary:
        "A year of the company's working calendar: each day worked or not, by its weekday, China's statutory calendar (holidays and weekend days worked instead) or the company's own choice; and whether the year's statutory schedule is known",
      params: CalendarYearParams,
      response: CalendarYear,
    },
    async ({ params }) => service.calendarYear(db, params.year),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calendar/working-days',
      access: 'authenticated',
      tag,
      summary: 'The day N working days after a day (today when not given), on the company’s working calendar',
      query: WorkingDaysQuery,
      response: WorkingDaysResult,
    },
    async ({ query }) => ({ date: await service.workingDaysFrom(db, query.from, query.days) }),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/v1/calendar/lunar-days',
      access: 'authenticated',
      tag,
      summary: 'Each day’s lunar date (农历) and the solar term (节气) beginning on it, for up to 62 days',
      query: LunarDaysQuery,
      response: LunarDays,
    },
    async ({ query }) => ({ days: service.lunarDays(query.from, query.to) }),
  );
}
