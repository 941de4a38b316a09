/**
 * The `tel:` address of a phone number as people write it ("0755-8888 6666", "138 0013 8000",
 * "+86 (21) 5555-1234"): full-width characters made plain, spaces, dashes, dots and brackets dropped.
 * Undefined when there is no digit to call.
 */
export function telHref(number: string | null | undefined): string | undefined {
  if (!number) return undefined;
  const plain = number
    .normalize('NFKC')
    .trim()
    .replace(/[\s\-‐‑‒–—―.()（）]/g, '');
  if (!/\d/.test(plain)) return undefined;
  return `tel:${plain}`;
}
