/** The browser tab's title: the parts given (record, then page), then the company's name, joined with ' · '. */
export function pageTitle(parts: ReadonlyArray<string | null | undefined>, suffix: string | null | undefined): string {
  return [...parts, suffix || 'Relate'].filter((part): part is string => Boolean(part?.trim())).join(' · ');
}
