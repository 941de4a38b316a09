import type { WebFormTicket } from '@relate/common';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { solveCaptcha } from '../auth/index.ts';
import { getSettings } from '../settings/index.ts';
import { findContactByEmailOrPhone } from './linked-records.repository.ts';
import { requesterActor } from './requester-actor.ts';
import { createTicket } from './tickets.service.ts';

/**
 * Opens a ticket from the public web form once the captcha is solved. A visitor whose email or
 * phone belongs to a contact on file is linked to that contact and their customer.
 */
export async function submitWebForm(
  ctx: AppContext,
  input: z.output<typeof WebFormTicket>,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ number: string }> {
  if (!(await getSettings(ctx.db)).webFormEnabled) throw notFound();
  if (!(await solveCaptcha(ctx.db, input.captchaId, input.captchaText)))
    throw new AppError('CAPTCHA_REQUIRED', 'CAPTCHA_REQUIRED', { captchaText: 'captchaWrong' });
  const contact = await findContactByEmailOrPhone(ctx.db, input.email, input.phone);
  const description = [input.company ? `${input.company}` : null, input.description].filter(Boolean).join('\n') || null;
  const ticket = await createTicket(ctx, requesterActor('web form', client), {
    type: input.type,
    channel: 'web_form',
    priority: 'normal',
    customerId: contact?.customerId ?? null,
    contactId: contact?.id ?? null,
    requesterName: input.name,
    requesterEmail: input.email ?? null,
    requesterPhone: input.phone ?? null,
    subject: input.subject,
    description,
  });
  return { number: ticket.number };
}
