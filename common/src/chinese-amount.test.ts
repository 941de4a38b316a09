import { describe, expect, it } from 'vitest';
import { amountInChineseCapitals } from './chinese-amount.ts';

describe('amounts in Chinese capitals', () => {
  it.each([
    [1138927, '壹万壹仟叁佰捌拾玖元贰角柒分'],
    [1220197, '壹万贰仟贰佰零壹元玖角柒分'],
    [10000, '壹佰元整'],
    [1000, '壹拾元整'],
    [105, '壹元零伍分'],
    [150, '壹元伍角整'],
    [50, '伍角整'],
    [5, '伍分'],
    [0, '零元整'],
    [101000, '壹仟零壹拾元整'],
    [1000500, '壹万零伍元整'],
    [2000000, '贰万元整'],
    [10000000000, '壹亿元整'],
    [10000000100, '壹亿零壹元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [12345678901234n, '壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分'],
    [-2050, '负贰拾元伍角整'],
  ])('%s fen reads %s', (fen, words) => {
    expect(amountInChineseCapitals(fen)).toBe(words);
  });
});
