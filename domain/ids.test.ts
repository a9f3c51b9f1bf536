import { describe, expect, it } from 'vitest';
import { newId } from './statement';

describe('the ids the store hands out', () => {
  it('never begin with "-", so each can be typed as a command argument', () => {
    // With a uniform first character one id in 64 would begin with "-": 20,000 ids all but
    // guarantee several would before the rule.
    const ids = Array.from({ length: 20_000 }, newId);
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
