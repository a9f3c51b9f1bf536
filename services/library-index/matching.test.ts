import { describe, expect, it } from 'vitest';
import { claimDifferences } from './differences';
import { claimTerms, searchTerms } from './terms';

describe('claimTerms', () => {
  it('reads numbers written any way as one value', () => {
    expect(claimTerms('nine episodes')).toEqual(claimTerms('9 episodes'));
    expect(claimTerms('10,000 viewers')).toContain('#10000');
    expect(claimTerms('3.5% rise')).toContain('#3.5');
  });

  it('stems, folds and drops the words that say nothing about the claim', () => {
    expect(claimTerms('The episodes were watched, Netflix said.').sort()).toEqual(claimTerms('Netflix says the episode was watched').sort());
    expect(claimTerms('Crème brûlée')).toEqual(claimTerms('creme brulee'));
    expect(claimTerms('It was the one and only')).toEqual(['#1']);
  });
});

describe('searchTerms', () => {
  it('folds case and accents, keeps every word', () => {
    expect(searchTerms('Ça COÛTE the earth')).toEqual(['ca', 'coute', 'the', 'earth']);
  });
});

describe('claimDifferences', () => {
  it('names a changed number with the thing it counts, on both sides', () => {
    expect(claimDifferences('The series ran nine episodes.', 'The series ran 10 episodes.')).toEqual([
      { kind: 'number', earlier: 'nine episodes', here: '10 episodes' },
    ]);
  });

  it('sees no difference between nine and 9', () => {
    expect(claimDifferences('The series ran nine episodes.', 'It ran 9 episodes, the series did.')).toEqual([]);
  });

  it('pairs dates with dates and names with names', () => {
    expect(claimDifferences('John Smith said rents rose 4% on March 3, 2021.', 'Jane Doe said rents rose 4% on March 4, 2021.')).toEqual([
      { kind: 'date', earlier: 'March 3, 2021', here: 'March 4, 2021' },
      { kind: 'name', earlier: 'John Smith', here: 'Jane Doe' },
    ]);
  });

  it('leaves out a detail that only one of them gives', () => {
    expect(claimDifferences('Rents rose 4%, Ms Lee said on Tuesday.', 'Rents rose 4%.')).toEqual([]);
  });
});
