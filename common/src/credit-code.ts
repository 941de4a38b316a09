/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of the code's own
 * alphabet — digits and the capitals without I, O, Z, S, V — of which the last is a check character:
 * 31 − (Σ value × weight mod 31), with 31 written as 0.
 */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character the first 17 characters call for; null when they are not of the code's alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = alphabet.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * weights[i];
  }
  return alphabet[(31 - (sum % 31)) % 31];
}

/** Whether a value (upper case, no spaces) is a unified social credit code with the right check character. */
export function isCreditCode(value: string): boolean {
  return (
    /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value) &&
    creditCodeCheckCharacter(value.slice(0, 17)) === value[17]
  );
}

/**
 * A taxpayer identification number as VAT invoices take it: an 18-character code must be a unified social
 * credit code with its check character right; older numbers (15, 17 or 20 characters) are taken as they are.
 */
export function isTaxpayerNumber(value: string): boolean {
  if (value.length === 18) return isCreditCode(value);
  return /^[0-9A-Z]{15}$|^[0-9A-Z]{17}$|^[0-9A-Z]{20}$/.test(value);
}
