import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from './fixtures/make-pdf';
import { prepareSource, verifyQuote, verifyQuoteInFile } from './index';

const SOURCE = 'The council said on Tuesday that nine of the 12 members did not support the harbour budget of $4.2 billion.';

describe('verifyQuote', () => {
  it('prints the agreed JSON shape, keys in order', () => {
    const result = verifyQuote({
      sourceText: SOURCE,
      quote: 'nine of the 12 members did not support the harbour budget',
      statement: 'Nine of 12 council members in Haifa opposed the $4.2 billion budget.',
    });
    expect(JSON.stringify(result)).toBe(
      JSON.stringify({
        match: 'exact',
        start: 33,
        end: 90,
        passage: 'nine of the 12 members did not support the harbour budget',
        differences: [],
        unsupported: ['Haifa', '$4.2 billion'],
      }),
    );
  });

  it('reports a misquote with its differences, and no statement as no unsupported facts', () => {
    expect(verifyQuote({ sourceText: prepareSource(SOURCE), quote: 'nine of the 12 members did support the harbour budget' })).toEqual({
      match: 'fuzzy',
      start: 33,
      end: 90,
      passage: 'nine of the 12 members did not support the harbour budget',
      differences: [{ quote: 'did', source: 'did not', kind: 'negation' }],
      unsupported: [],
    });
    expect(verifyQuote({ sourceText: SOURCE, quote: 'The weather was fine all week', statement: '  ' })).toEqual({
      match: 'none',
      start: null,
      end: null,
      passage: null,
      differences: [],
      unsupported: [],
    });
  });

  it('checks a quote against a PDF file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-verify-'));
    try {
      await writeFile(path.join(dir, 'minutes.pdf'), await makePdf([['The council said on Tuesday that nine of the', '12 members did not sup-', 'port the harbour budget.']]));
      expect(await verifyQuoteInFile(path.join(dir, 'minutes.pdf'), 'nine of the 12 members did not support the harbour budget', 'Nine members opposed it.')).toEqual({
        match: 'normalised',
        start: 33,
        end: 92,
        passage: 'nine of the\n12 members did not sup-\nport the harbour budget',
        differences: [],
        unsupported: [],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
