import type { Locale, QuoteDetail, QuoteEmail } from '@relate/common';
import type { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { readMailSettings, sendMail } from '../mail/index.ts';
import { getSettings } from '../settings/index.ts';
import * as repo from './quotes.repository.ts';
import { assertSendable, changeQuoteStatus, getQuote, quotePdf } from './quotes.service.ts';

const defaults: Record<
  Locale,
  { subject: (number: string, company: string) => string; body: (contact: string | null, company: string) => string }
> = {
  'zh-CN': {
    subject: (number, company) => `${company} 报价单 ${number}`,
    body: (contact, company) =>
      `${contact ? `${contact}，您好：` : '您好：'}\n\n附件是我们的报价单，请查收。如有任何问题，欢迎随时联系。\n\n${company}`,
  },
  en: {
    subject: (number, company) => `${company} quotation ${number}`,
    body: (contact, company) =>
      `${contact ? `Dear ${contact},` : 'Hello,'}\n\nPlease find our quotation attached. Do let us know if you have any questions.\n\n${company}`,
  },
};

/**
 * Emails the quote as a PDF in the customer's language, replies going to the sender. A draft
 * becomes sent, but only if it could be sent by hand (any approval it needs is given).
 */
export async function emailQuote(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: z.output<typeof QuoteEmail>,
): Promise<QuoteDetail> {
  const quote = await getQuote(ctx, actor, id);
  if (quote.status === 'draft') await assertSendable(ctx, actor, quote);
  const mail = await readMailSettings(ctx.db, ctx.config.sessionSecret);
  if (!mail) throw new AppError('CONFLICT', 'mailNotConfigured');
  const [{ pdf, locale }, settings, sender] = await Promise.all([
    quotePdf(ctx, actor, id, input.locale),
    getSettings(ctx.db),
    repo.findUserEmail(ctx.db, actor.userId),
  ]);
  const words = defaults[locale];
  try {
    await sendMail(mail, {
      to: input.to,
      cc: input.cc,
      replyTo: sender?.email,
      subject: input.subject ?? words.subject(quote.number, settings.companyName),
      text: input.message ?? words.body(quote.contactName, settings.companyName),
      attachments: [{ filename: `${quote.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
    });
  } catch (error) {
    throw new AppError('UPSTREAM_FAILED', 'mailRefused', undefined, { reason: (error as Error).message.slice(0, 200) });
  }
  await writeAudit(ctx.db, actor, {
    action: 'email',
    entity: 'quotes',
    entityId: id,
    detail: { number: quote.number, to: input.to, cc: input.cc ?? [] },
  });
  return quote.status === 'draft' ? changeQuoteStatus(ctx, actor, id, { status: 'sent' }) : getQuote(ctx, actor, id);
}
