/**
 * Telephone numbers as Chinese users write them: mobiles (1[3-9] and nine digits, with or without +86),
 * landlines with their area code (010, 02x, 0xxx; 7 or 8 digits) and an extension (转, ext, x, # or -),
 * service numbers (400/800 and seven digits) and, written with "+", any other country's number.
 */
export type PhoneKind = 'mobile' | 'landline' | 'service' | 'international';
export type ParsedPhone = {
  kind: PhoneKind;
  /** The number as matched and deduplicated: digits only, a Chinese mobile without +86, an extension after "-". */
  normalized: string;
};

const separators = /[\s\-().（）]/g;

/** Reads a number; null when it is none of the forms above. */
export function parsePhone(input: string): ParsedPhone | null {
  let text = input.normalize('NFKC').trim();
  if (!text) return null;
  let extension = '';
  const ext = /(?:转|ext\.?|x|#|分机)\s*(\d{1,6})$/i.exec(text);
  if (ext) {
    extension = ext[1];
    text = text.slice(0, ext.index);
  }
  const plus = text.startsWith('+');
  let digits = text.replace(separators, '');
  if (plus) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return null;
  if (!plus && digits.startsWith('00')) return parsePhone(`+${digits.slice(2)}${extension ? `转${extension}` : ''}`);
  const chinese = plus ? digits.startsWith('86') : true;
  if (plus && !chinese) {
    if (extension || !/^[1-9]\d{6,14}$/.test(digits)) return null;
    return { kind: 'international', normalized: `+${digits}` };
  }
  if (plus) digits = digits.slice(2);
  else if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
  const withExtension = (n: string) => (extension ? `${n}-${extension}` : n);
  if (/^1[3-9]\d{9}$/.test(digits)) return extension ? null : { kind: 'mobile', normalized: digits };
  if (/^[48]00\d{7}$/.test(digits)) return { kind: 'service', normalized: withExtension(digits) };
  // A landline written after +86 drops its trunk 0.
  if (plus && !digits.startsWith('0')) digits = `0${digits}`;
  // The landline's own trailing "-1234" is its extension when the number before it is already whole.
  const dashed = /^(0\d{2,3})[\s-]?(\d{7,8})-(\d{1,6})$/.exec(input.normalize('NFKC').trim());
  if (dashed && !extension) return landline(dashed[1] + dashed[2], dashed[3]);
  return landline(digits, extension);
}

function landline(digits: string, extension: string): ParsedPhone | null {
  // 010 and 02x have two-digit area codes and 8-digit numbers; others three digits and 7 or 8.
  const ok = /^0(10|2\d)[1-9]\d{7}$/.test(digits) || /^0[3-9]\d{2}[1-9]\d{6,7}$/.test(digits);
  if (!ok) return null;
  return { kind: 'landline', normalized: extension ? `${digits}-${extension}` : digits };
}

/** Whether a number is one of the accepted forms. */
export function isValidPhone(input: string): boolean {
  return parsePhone(input) !== null;
}

/** A Chinese mobile number only. */
export function isMobile(input: string): boolean {
  return parsePhone(input)?.kind === 'mobile';
}

/**
 * What a mobile field takes: a Chinese mobile number, or another country's number written with "+", whose
 * mobiles and landlines cannot be told apart by their form. A landline or a 400 number is a field error.
 */
export function isValidMobile(input: string): boolean {
  const kind = parsePhone(input)?.kind;
  return kind === 'mobile' || kind === 'international';
}
