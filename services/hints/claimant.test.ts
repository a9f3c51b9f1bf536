import { describe, expect, it } from 'vitest';
import { suggestClaimant } from './claimant';

/** An article made of sentences, each one statement. */
function article(sentences: string[], meta: { author?: string; outlet?: string } = {}) {
  let text = '';
  const statements = sentences.map((sentence) => {
    if (text) text += ' ';
    const start = text.length;
    text += sentence;
    return { start, text: sentence };
  });
  return { text, statements, author: meta.author ?? 'Ann Lee', outlet: meta.outlet ?? 'Daily Bugle' };
}

describe('suggestClaimant', () => {
  it('finds the speaker after the verb and resolves a surname to the full name given earlier', () => {
    const a = article([
      'Nicole Yorkin, the show’s co-creator, spoke to Variety on Monday.',
      'The second season was never in doubt, said Yorkin.',
    ]);
    expect(suggestClaimant(a, 1)).toEqual({ claimant: 'Nicole Yorkin', from: 'sentence' });
  });

  it('finds the speaker before the verb, with an apposition between', () => {
    expect(suggestClaimant(article(['Mayor Jane Smith said 4,000 homes were started.']), 0)).toEqual({
      claimant: 'Jane Smith',
      from: 'sentence',
    });
    expect(suggestClaimant(article(['Tom Ortiz, a council member, told reporters taxes fell 4%.']), 0).claimant).toBe('Tom Ortiz');
  });

  it('takes a body after "according to"', () => {
    expect(suggestClaimant(article(['According to the Office for National Statistics, prices rose 3%.']), 0).claimant).toBe(
      'the Office for National Statistics',
    );
  });

  it('looks at the sentence before when this one has no attribution', () => {
    const a = article(['Jane Smith said the plan was working.', 'Starts rose 40% last year.']);
    expect(suggestClaimant(a, 1)).toEqual({ claimant: 'Jane Smith', from: 'sentence before' });
  });

  it('follows a pronoun back to the person named in the sentence before', () => {
    const a = article(['Jane Smith opened the new library on Friday.', 'She said it cost £4m.']);
    expect(suggestClaimant(a, 1)).toEqual({ claimant: 'Jane Smith', from: 'sentence' });
  });

  it("without any attribution, is the article's own claim: its author, else its outlet", () => {
    const a = article(['The budget fell by 4% last year.', 'Taxes rose.'], { author: 'Ann Lee' });
    expect(suggestClaimant(a, 1)).toEqual({ claimant: 'Ann Lee', from: 'article' });
    expect(suggestClaimant(article(['Taxes rose.'], { author: '', outlet: 'Daily Bugle' }), 0).claimant).toBe('Daily Bugle');
  });

  it('does not take a capitalised sentence opening for a name', () => {
    const a = article(['The minister said taxes fell.'], { author: 'Ann Lee' });
    expect(suggestClaimant(a, 0).claimant).not.toMatch(/^The/);
  });
});
