import { useSession } from '../app/session';

/** Formats an exact decimal amount string in the reader's locale and the given currency. */
export function useMoney() {
  const { locale } = useSession();
  return (amount: string | null | undefined, currency = 'CNY') => {
    if (amount === null || amount === undefined) return '-';
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 }).format(
      Number(amount),
    );
  };
}
