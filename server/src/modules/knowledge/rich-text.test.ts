import { describe, expect, it } from 'vitest';
import { plainText, sanitizeRichText, searchTerms } from './rich-text.ts';

describe('rich text', () => {
  it.each([
    ['<p>ok<script>alert(1)</script></p>', '<p>ok</p>'],
    ['<img src="x" onerror="alert(1)">', '<img src="x" />'],
    ['<img src="https://cdn.example.com/a.png" onerror="alert(1)">', '<img src="https://cdn.example.com/a.png" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    [
      '<a href="https://example.com" onclick="x()">site</a>',
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    ],
    ['<p style="background:url(javascript:x)">styled</p>', '<p>styled</p>'],
    ['<iframe src="https://evil.example"></iframe><p>after</p>', '<p>after</p>'],
    ['<svg><script>alert(1)</script></svg>text', 'text'],
    ['<h2>标题</h2><ul><li>第一步</li></ul>', '<h2>标题</h2><ul><li>第一步</li></ul>'],
  ])('neutralises %s', (input, expected) => {
    expect(sanitizeRichText(input)).toBe(expected);
  });

  it('reads the words out of rich text', () => {
    expect(plainText('<h2>重启</h2><p>按住 <strong>电源键</strong> 5&nbsp;秒</p><ul><li>A &amp; B</li></ul>')).toBe(
      '重启 按住 电源键 5 秒 A & B',
    );
  });

  it('cuts text into search terms: latin words whole, Chinese in pairs', () => {
    expect(searchTerms('打印机 卡纸 HP-1020 error')).toEqual(['hp-1020', 'error', '打印', '印机', '卡纸']);
  });
});
