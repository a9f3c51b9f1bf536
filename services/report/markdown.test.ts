/** Markdown reports: nothing an editor or a source wrote can change the report's structure. */
import { describe, expect, it } from 'vitest';
import { renderReport } from '.';
import { escapeMarkdown } from './markdown';
import { articleOf, AT, source } from './fixtures/test-articles';

describe('Markdown line ends and links', () => {
  it('turns CR, U+2028 and U+2029 into spaces, so a note cannot start a heading or a list', () => {
    for (const end of ['\r', '\r\n', '\u2028', '\u2029']) {
      expect(escapeMarkdown(`Checked.${end}# Not a heading${end}- not a list`)).toBe('Checked. # Not a heading - not a list');
    }
    const md = renderReport(articleOf([['Taxes fell.', 'false', { explanation: 'See below.\r# Forged heading\r- forged item' }]]), 'md', { generatedAt: AT });
    expect(md).toContain('See below. # Forged heading - forged item');
    expect(md).not.toMatch(/^(# Forged|- forged)/m);
    expect(md).not.toMatch(/[\r\u2028\u2029]/);
    expect(md.split('\n').filter((line) => line.startsWith('#')).every((line) => /^#{1,3} (Fact-check|Summary|Statements|Still|\d+\.)/.test(line))).toBe(true);
  });

  it('percent-encodes a backslash in a source URL, so the link keeps its closing bracket', () => {
    const md = renderReport(
      articleOf([['Taxes fell.', 'false', { sources: [source({ title: 'Accounts', url: 'https://city.example/a\\' })] }]]),
      'md',
      { generatedAt: AT },
    );
    expect(md).toContain('**Source:** [Accounts](<https://city.example/a%5C>)');
  });
});
