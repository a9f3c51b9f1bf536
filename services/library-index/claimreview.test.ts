import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClaimReviews } from './claimreview';

const fixture = (name: string) => readFile(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('parseClaimReviews', () => {
  it('reads the ClaimReview of a fact-check page (PolitiFact-style markup), not its other JSON-LD', async () => {
    expect(await parseClaimReviews(await fixture('politifact-style.html'), 'bus.html')).toEqual([
      {
        claim: "The city's bus fleet doubled to 400 buses in two years.",
        claimant: 'Dana Whitfield',
        publisher: 'Example Truth-O-Meter',
        rating: 'Mostly False',
        url: 'https://factcheck.example.org/factchecks/2024/mar/05/dana-whitfield/bus-fleet-did-not-double/',
        reviewedAt: '2024-03-05',
        importedFrom: 'bus.html',
      },
    ]);
  });

  it('reads every ClaimReview of an @graph', async () => {
    const checks = await parseClaimReviews(await fixture('fullfact-style.jsonld'), 'trust.jsonld');
    expect(checks.map((c) => [c.publisher, c.claimant, c.rating.slice(0, 8), c.reviewedAt])).toEqual([
      ['Example Fact Check Trust', 'Opposition health spokesperson', 'Correct.', '2023-11-14'],
      ['Example Fact Check Trust', 'Sam Okafor', 'Wrong: i', '2023-11-20'],
    ]);
  });

  it('reads a single item and an array', async () => {
    const item = { '@type': 'ClaimReview', claimReviewed: 'Tides are caused by wind.', author: { name: 'Checkers' }, reviewRating: { alternateName: 'False' } };
    expect(await parseClaimReviews(JSON.stringify(item), 'one.json')).toHaveLength(1);
    expect(await parseClaimReviews(JSON.stringify([item, { ...item, claimReviewed: 'The moon is cheese.' }]), 'two.json')).toHaveLength(2);
    // A rating given only as numbers is kept as numbers.
    const numeric = { ...item, reviewRating: { ratingValue: 1, bestRating: 5 } };
    expect((await parseClaimReviews(JSON.stringify(numeric), 'n.json'))[0]!.rating).toBe('1 of 5');
  });

  it('keeps only http(s) links and real dates', async () => {
    const item = {
      '@type': ['ClaimReview'],
      claimReviewed: 'Claim.',
      url: 'javascript:alert(1)',
      datePublished: 'last week',
      author: 'Checkers',
      reviewRating: { alternateName: 'False' },
    };
    expect((await parseClaimReviews(JSON.stringify(item), 'x.json'))[0]).toMatchObject({ url: '', reviewedAt: '', publisher: 'Checkers' });
  });

  it('says clearly when there is nothing to import', async () => {
    await expect(parseClaimReviews('{"@type": "Article"}', 'a.json')).rejects.toThrow('a.json has no ClaimReview: nothing to import.');
    await expect(parseClaimReviews('{"@type": ', 'a.json')).rejects.toThrow(/a\.json is not valid JSON-LD/);
    await expect(parseClaimReviews('<html><body>No data</body></html>', 'p.html')).rejects.toThrow(/p\.html has no JSON-LD/);
    await expect(parseClaimReviews('{"@type": "ClaimReview", "claimReviewed": "X"}', 'r.json')).rejects.toThrow(/none with both the claim/);
  });
});
