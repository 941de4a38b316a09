import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { testDialects } from '../../../test/databases.ts';
import { createCustomer, createUserClient } from '../../../test/factories.ts';
import { todayIn } from '../../db/time.ts';
import type { AppContext } from '../../platform/context.ts';
import { runDueJobs } from '../../platform/jobs.ts';
import { anniversaryReminderSweep, remindAnniversary } from './anniversary-reminders.ts';
import { lunarOf } from './anniversary-dates.ts';

describe.each(testDialects)('anniversary reminders on %s', (dialect) => {
  let t: TestApp;
  const ctx = () => ({ db: t.database.db, dialect: t.database.dialect, config: t.config }) as AppContext;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('tells the contact’s owner N days before, once however often the sweep runs', async () => {
    const rep = await createUserClient(t, 'sales_rep', undefined, { locale: 'zh-CN' });
    const customer = await createCustomer(rep);
    // Company time zone (Asia/Shanghai by default) decides "today".
    const inThreeDays = dayjs(todayIn('Asia/Shanghai')).add(3, 'day');
    const birthday = inThreeDays.subtract(40, 'year').format('YYYY-MM-DD');
    const contact = await rep.post('/api/v1/contacts', {
      customerId: customer.id,
      name: '周生日',
      anniversaries: [
        { type: 'birthday', date: birthday, remindDaysBefore: 3 },
        {
          type: 'birthday',
          date: inThreeDays.add(1, 'day').subtract(30, 'year').format('YYYY-MM-DD'),
          remindDaysBefore: 1,
        },
      ],
    });
    expect(contact.statusCode).toBe(201);

    const handlers = {
      'anniversary.sweep': (c: AppContext) => anniversaryReminderSweep(c),
      'anniversary.remind': remindAnniversary,
    };
    for (let run = 0; run < 3; run++) {
      await anniversaryReminderSweep(ctx());
      await runDueJobs(ctx(), handlers, [], 'test');
    }
    const items = (await rep.get('/api/v1/notifications')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'anniversary',
      entity: 'contacts',
      entityId: contact.json().id,
      params: { name: '周生日', type: '生日', date: inThreeDays.format('YYYY-MM-DD') },
    });
  });

  it('tells of a lunar birthday N days before the solar day of its coming lunar date', async () => {
    const rep = await createUserClient(t, 'sales_rep', undefined, { locale: 'en' });
    const customer = await createCustomer(rep);
    const today = todayIn('Asia/Shanghai');
    // A lunar date that falls five days from now (the unit tests follow such dates over the years).
    const inFiveDays = dayjs(today).add(5, 'day').format('YYYY-MM-DD');
    const lunar = lunarOf(inFiveDays);
    const created = await rep.post('/api/v1/contacts', {
      customerId: customer.id,
      name: 'Lunar Zhou',
      anniversaries: [{ type: 'birthday', date: inFiveDays, calendar: 'lunar', remindDaysBefore: 5 }],
    });
    expect(created.statusCode).toBe(201);
    const [anniversary] = created.json().anniversaries;
    expect(anniversary).toMatchObject({
      calendar: 'lunar',
      lunar: { month: lunar.month, day: lunar.day, leap: lunar.leap },
      leapRule: 'leapMonth',
      nextDate: inFiveDays,
    });

    const upcoming = (await rep.get('/api/v1/contacts/anniversaries/upcoming?days=10')).json();
    const listed = (upcoming.items ?? upcoming).find((a: { contactId: number }) => a.contactId === created.json().id);
    expect(listed).toMatchObject({ calendar: 'lunar', nextDate: inFiveDays, daysLeft: 5 });

    const handlers = { 'anniversary.remind': remindAnniversary };
    await anniversaryReminderSweep(ctx());
    await runDueJobs(ctx(), handlers, [], 'test');
    const items = (await rep.get('/api/v1/notifications')).json().items;
    expect(items).toEqual([
      expect.objectContaining({ kind: 'anniversary', params: expect.objectContaining({ date: anniversary.nextDate }) }),
    ]);
  });
});
