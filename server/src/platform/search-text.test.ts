import { describe, expect, it } from 'vitest';
import { digitQuadSequence, isDigitQuery, searchDocument, searchTokenText } from './search-text.ts';

describe('digit tokens', () => {
  it('are every four adjacent digits of each run of four or more, in order', () => {
    expect(digitQuadSequence('tel 138-0013 80001 12 3456')).toEqual(['d0013', 'd8000', 'd0001', 'd3456']);
    expect(digitQuadSequence('123 abc')).toEqual([]);
  });

  it('follow the bigrams of each value, so that a value is still one phrase of bigrams', () => {
    const tokens = searchTokenText('a12345');
    expect(tokens.split(' ').slice(-2)).toEqual(['d1234', 'd2345']);
    expect(tokens.split(' ')).toHaveLength(5 + 2);
    expect(searchDocument(['x2026', '13800138000']).grams.split(' ')).toContain('d2026');
  });

  it('are what a query of four digits or more, and nothing else, is looked up by', () => {
    expect(isDigitQuery('0755')).toBe(true);
    expect(isDigitQuery('075')).toBe(false);
    expect(isDigitQuery('0755-8888')).toBe(false);
  });
});
