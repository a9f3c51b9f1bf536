/** The two-person rule as every layer reads it: what awaits a sign-off, and what is ready to publish. */
import { describe, expect, it } from 'vitest';
import { editorKey, isAwaitingSignOff, isReadyToPublish, sameEditor } from './sign-off';

const review = { by: 'Ben', at: '2026-03-02T10:00:00.000Z' };

describe('the two-person rule', () => {
  it('awaits a sign-off for a verdict that states a fact, not for an opinion or an unchecked statement', () => {
    expect(isAwaitingSignOff({ verdict: 'false', review: null })).toBe(true);
    expect(isAwaitingSignOff({ verdict: 'false', review })).toBe(false);
    expect(isAwaitingSignOff({ verdict: 'opinion', review: null })).toBe(false);
    expect(isAwaitingSignOff({ verdict: 'unchecked', review: null })).toBe(false);
  });

  it('makes an article ready to publish only when every statement is checked and every fact signed off', () => {
    expect(isReadyToPublish([])).toBe(false);
    expect(isReadyToPublish([{ verdict: 'verified', review }, { verdict: 'opinion', review: null }])).toBe(true);
    expect(isReadyToPublish([{ verdict: 'verified', review }, { verdict: 'unchecked', review: null }])).toBe(false);
    expect(isReadyToPublish([{ verdict: 'verified', review }, { verdict: 'misleading', review: null }])).toBe(false);
  });

  it('compares editors by name as a person would: case, spacing and width do not make a second editor', () => {
    expect(sameEditor('Ana  Ruiz ', 'ana ruiz')).toBe(true);
    expect(sameEditor('ＡＮＡ', 'ana')).toBe(true); // full-width letters, NFKC
    expect(sameEditor('Ana', 'Anna')).toBe(false);
    expect(editorKey(' Ben ')).toBe('ben');
  });
});
