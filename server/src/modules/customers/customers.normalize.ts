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
];

/** Name key for duplicate detection: width, case, spaces, punctuation and legal form ignored. */
export function normalizeName(name: string): string {
  let key = name.normalize('NFKC').toLowerCase().replace(/[\s\-_'"“”‘’()（）【】[\]·・]/g, '');
  for (const suffix of legalSuffixes) {
    const compact = suffix.replace(/\s/g, '');
    if (key.endsWith(compact) && key.length > compact.length) {
      key = key.slice(0, -compact.length).replace(/[,.，。]+$/, '');
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
