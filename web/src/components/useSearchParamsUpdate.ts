import { useSearchParams } from 'react-router';

/**
 * The page's URL parameters and a way to change some of them: an empty value removes its parameter, and any
 * change but one of the page itself goes back to the first page. With `replace`, a change adds no step to
 * the browser's history.
 */
export function useSearchParamsUpdate(options?: { replace?: boolean }) {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, options);
  };
  return [params, update] as const;
}
