// Legal-form suffixes that do not distinguish one company from another when looking for duplicates.
const legalSuffixes = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '分公司',
  '公司',
  'co.,ltd.',
  'co.,ltd',
  'co.ltd',
  'coltd',
  'limited',
  'ltd.',
  'ltd',
  'inc.',
  'inc',
  'llc',
  'corporation',
  'corp.',
  'corp',
  'company',
  'gmbh',
].map((suffix) => suffix.replace(/\s/g, ''));
const punctuation = /[\s\-_'"“”‘’()（）【】[\]·・]/g;

/** Name key for duplicate detection: width, case, spaces, punctuation and legal form ignored. */
export function normalizeName(name: string): string {
  let key = name.normalize('NFKC').toLowerCase().replace(punctuation, '');
  for (const suffix of legalSuffixes) {
    if (key.endsWith(suffix) && key.length > suffix.length) {
      key = key.slice(0, -suffix.length).replace(/[,.，。]+$/, '');
      break;
    }
  }
  return key.replace(/[,.，。]/g, '');
}

/** Digits of a phone number, without the Chinese country code on mobile numbers. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits || null;
}
