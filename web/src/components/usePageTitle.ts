import { createContext, useContext, useEffect } from 'react';
import { useSession } from '../app/session';
import { publishPageHeading } from './page-heading';
import { pageTitle } from './page-title';
import { useCompanyName } from './queries';

/**
 * What ends every tab title under a provider of it (the customer portal gives its company's name); without
 * one, the staff app's company name from the settings.
 */
export const PageTitleSuffix = createContext<{ suffix: string | undefined } | null>(null);

/**
 * Names the browser tab after the page and its record: usePageTitle(customer?.name, t('nav.customers'))
 * gives "深圳龙腾科技有限公司 · 客户 · Relate". Empty parts (a record still loading) are left out; leaving
 * the page puts back the company's name alone.
 */
export function usePageTitle(...parts: Array<string | null | undefined>) {
  const provided = useContext(PageTitleSuffix);
  const { info } = useSession();
  const companyName = useCompanyName(!provided && Boolean(info));
  const suffix = provided ? provided.suffix : companyName.data;
  const title = pageTitle(parts, suffix);
  const base = pageTitle([], suffix);
  const heading = parts.filter((part): part is string => Boolean(part?.trim())).join('\u0000');
  useEffect(() => {
    document.title = title;
    publishPageHeading(heading ? heading.split('\u0000') : []);
    return () => {
      document.title = base;
      publishPageHeading([]);
    };
  }, [title, base, heading]);
}
