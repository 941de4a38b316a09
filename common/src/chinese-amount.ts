const numerals = '零壹贰叁肆伍陆柒捌玖';
const placeUnits = ['', '拾', '佰', '仟'];
const groupUnits = ['', '万', '亿', '万亿'];

/** A group of four digits (1–9999) in capitals, its zeros read as one 零 between digits and none at the end. */
function groupInWords(group: number): string {
  let words = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      if (words) zero = true;
      continue;
    }
    if (zero) words += '零';
    zero = false;
    words += numerals[digit] + placeUnits[place];
  }
  return words;
}

/** Whole yuan in capitals ('' for none): groups of four digits with 万 and 亿, 零 where a gap in the digits falls. */
function yuanInWords(yuan: bigint): string {
  const groups: number[] = [];
  for (let rest = yuan; rest > 0n; rest /= 10000n) groups.push(Number(rest % 10000n));
  let words = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i];
    if (group === 0) {
      if (words) gap = true;
      continue;
    }
    if (words && (gap || group < 1000)) words += '零';
    words += groupInWords(group) + groupUnits[i];
    gap = false;
  }
  return words;
}

/**
 * An amount in Chinese capitals (大写金额) as printed on quotes, orders, contracts and cheques:
 * 11389.27 → 壹万壹仟叁佰捌拾玖元贰角柒分, 100 → 壹佰元整, 1.05 → 壹元零伍分. Takes the amount in fen (the
 * smallest unit), so that no float is involved.
 */
export function amountInChineseCapitals(minorUnits: bigint | number): string {
  let fen = BigInt(minorUnits);
  const negative = fen < 0n;
  if (negative) fen = -fen;
  const yuan = yuanInWords(fen / 100n);
  const jiao = Number((fen / 10n) % 10n);
  const cents = Number(fen % 10n);
  let words = yuan ? `${yuan}元` : '';
  if (jiao === 0 && cents === 0) words = `${words || '零元'}整`;
  else {
    if (jiao) words += `${numerals[jiao]}角`;
    else if (yuan) words += '零';
    words += cents ? `${numerals[cents]}分` : '整';
  }
  return negative ? `负${words}` : words;
}
