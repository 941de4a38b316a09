/**
 * Caller numbers as the records hold them and as a PBX reports them, brought to one form: a mobile
 * number as its 11 digits (with or without +86 / 0086 / 86), a landline with its area code and leading 0
 * (a local number without one gets the connection's area code; +86 10 … becomes 010 …), an extension
 * written after a number (转 801, ext. 801, x801, -801 after a full landline) left off; anything else as
 * its digits (an internal extension, a service number).
 */
export function normalizeNumber(raw: string | null | undefined, areaCode?: string | null): string {
  if (!raw) return '';
  let text = raw.normalize('NFKC').trim();
  text = text.replace(/\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}\s*$/i, '');
  const international = /^(\+|00)/.test(text.replace(/[\s\-().]/g, ''));
  // "010-12345678-801": a dash-separated tail of up to five digits after a full landline is its extension.
  const parts = text.split(/[-\s]+/).filter(Boolean);
  if (parts.length >= 3 && /^\d{1,5}$/.test(parts[parts.length - 1]!)) {
    const head = parts.slice(0, -1).join('').replace(/\D/g, '');
    if (/^0\d{9,11}$/.test(head)) text = head;
  }
  let digits = text.replace(/\D/g, '');
  if (international) {
    digits = digits.replace(/^00/, '');
    if (!digits.startsWith('86')) return digits;
    digits = digits.slice(2);
    return /^1[3-9]\d{9}$/.test(digits) ? digits : `0${digits}`;
  }
  if (/^861[3-9]\d{9}$/.test(digits)) return digits.slice(2);
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^0\d{9,11}$/.test(digits)) return digits;
  if (/^[2-9]\d{6,7}$/.test(digits) && areaCode) return `${areaCode}${digits}`;
  return digits;
}

/**
 * The digits to look a number up by in the records' digit search: a mobile number whole, a landline
 * without its area code (records may hold it either way), anything else as it is.
 */
export function searchDigitsOf(normalized: string): string {
  if (/^1[3-9]\d{9}$/.test(normalized)) return normalized;
  const landline = /^0(?:10|2\d|[3-9]\d{2})([2-9]\d{6,7})$/.exec(normalized);
  return landline ? landline[1]! : normalized;
}

/** Whether a number held on a record is the caller's. */
export function sameNumber(stored: string | null | undefined, normalized: string, areaCode?: string | null): boolean {
  if (!stored || !normalized) return false;
  return normalizeNumber(stored, areaCode) === normalized;
}

/** Digits and a leading + only: what is sent to a PBX. */
export const dialable = (number: string) => number.normalize('NFKC').replace(/[^\d+*#]/g, '');
