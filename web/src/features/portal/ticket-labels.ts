import type { PortalBranding } from '@relate/common';

/** The label of a ticket type in the reader's language, from the company's own list. */
export function ticketTypeLabel(branding: PortalBranding | null, code: string, locale: string): string {
  const option = branding?.ticketTypes.find((o) => o.code === code);
  if (!option) return code;
  return locale === 'en' ? option.labelEn : option.labelZh;
}

export const statusColors: Record<string, string> = {
  new: 'blue',
  assigned: 'blue',
  in_progress: 'processing',
  waiting: 'orange',
  reopened: 'magenta',
  resolved: 'green',
  callback: 'green',
  closed: 'default',
};
