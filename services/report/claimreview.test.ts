import { describe, expect, it } from 'vitest';
import { renderReport } from '.';
import { RATING_SCALE, RATING_VALUE } from './claimreview';
import { AT, articleOf, hostileArticle } from './test-articles';

const NEWSROOM = { newsroomName: 'Bugle Fact Desk', newsroomUrl: 'https://bugle.example/fact-check' };

type Json = Record<string, any>;

const isText = (value: unknown) => typeof value === 'string' && value.trim().length > 0;
const isWebUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value) && !!new URL(value);
const isDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));

/**
 * The properties Google's fact-check rich result requires and recommends
 * (developers.google.com/search/docs/appearance/structured-data/factcheck), as a list of
 * problems; [] means the markup is eligible.
 */
function googleFactCheckProblems(review: Json): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(what);
  need(review['@context'] === 'https://schema.org', '@context must be https://schema.org');
  need(review['@type'] === 'ClaimReview', '@type must be ClaimReview');
  // Required
  need(isText(review.claimReviewed), 'claimReviewed is required');
  need(review.reviewRating?.['@type'] === 'Rating', 'reviewRating must be a Rating');
  need(isText(review.reviewRating?.alternateName), 'reviewRating.alternateName is required');
  need(isWebUrl(review.url), 'url is required (an http(s) link to the fact-check page)');
  need(isText(review.author?.name), 'author.name is required');
  // A numeric rating needs its scale, and must lie on it.
  const rating = review.reviewRating ?? {};
  if ('ratingValue' in rating) {
    need(Number.isFinite(rating.bestRating) && Number.isFinite(rating.worstRating), 'bestRating and worstRating go with ratingValue');
    need(rating.worstRating <= rating.ratingValue && rating.ratingValue <= rating.bestRating, 'ratingValue must lie on the scale');
  }
  // Recommended
  need(['Organization', 'Person'].includes(review.author?.['@type']), 'author should be an Organization or Person');
  need(isDate(review.datePublished), 'datePublished is recommended');
  const claim = review.itemReviewed ?? {};
  need(claim['@type'] === 'Claim', 'itemReviewed should be a Claim');
  need(isText(claim.author?.name), 'itemReviewed.author.name is recommended');
  need(isDate(claim.datePublished), 'itemReviewed.datePublished is recommended');
  const appearance = claim.appearance ?? claim.firstAppearance;
  need(isWebUrl(appearance?.url), 'itemReviewed.appearance.url is recommended');
  return problems;
}

describe('ClaimReview JSON-LD', () => {
  const text = renderReport(hostileArticle(), 'claimreview', { generatedAt: AT, publisher: NEWSROOM });
  const reviews = JSON.parse(text) as Json[];

  it('has one review per published verdict: never unchecked, never opinion', () => {
    expect(reviews.map((r) => r.reviewRating.alternateName)).toEqual([
      'False',
      'Misleading',
      'Verified',
      'Mostly accurate',
      'Unverifiable',
    ]);
    expect(text).not.toContain('budget](javascript');
    expect(text).not.toContain('was never said');
  });

  it('has every property Google requires, and the recommended ones', () => {
    for (const review of reviews) expect(googleFactCheckProblems(review)).toEqual([]);
  });

  it('rates on the documented 1–5 scale, with the verdict label as alternateName', () => {
    const [falseReview, misleading, verified, mostly, unverifiable] = reviews;
    expect(falseReview!.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
      alternateName: 'False',
    });
    expect([misleading, verified, mostly].map((r) => r!.reviewRating.ratingValue)).toEqual([2, 5, 4]);
    expect(unverifiable!.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Unverifiable' });
    expect(RATING_SCALE).toEqual({ worst: 1, best: 5 });
    expect(Object.values(RATING_VALUE).filter((v) => v !== null).sort()).toEqual([1, 2, 4, 5]);
  });

  it('names the newsroom as author, the article as the claim and its author as the claimant', () => {
    expect(reviews[0]).toMatchObject({
      url: NEWSROOM.newsroomUrl,
      datePublished: '2026-11-25',
      author: { '@type': 'Organization', name: 'Bugle Fact Desk', url: NEWSROOM.newsroomUrl },
      claimReviewed: 'Mayor <b>Smith</b> says taxes fell 4%.',
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Ann "Nan" Lee', worksFor: { '@type': 'Organization', name: 'Daily <i>Bugle</i>' } },
        datePublished: '2026-11-20',
        appearance: { '@type': 'CreativeWork', url: 'https://bugle.example/budget', datePublished: '2026-11-20' },
      },
    });
    expect(reviews[2]!.claimReviewed).toBe('-2+3 is what the leaflet said. Then a second line, with a comma.');
    expect(reviews[3]!.claimReviewed).toBe('ראש העירייה אמר כי המסים ירדו ב-4%.');
  });

  it('falls back to the outlet as an Organization when the article has no author', () => {
    const [review] = JSON.parse(
      renderReport(articleOf([['A claim.', 'false']], { author: '', outlet: 'Bugle' }), 'claimreview', { publisher: NEWSROOM }),
    ) as Json[];
    expect(review!.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Bugle' });
  });

  it('can be pasted into a <script> element: no text can close it', () => {
    expect(text).not.toMatch(/[<>&]/);
    expect(text).toContain('\\u003cb\\u003eSmith');
    expect(JSON.parse(text)[0].itemReviewed.appearance.headline).toBe('Taxes & <the> "budget" </style><script>alert(1)</script>');
  });

  it('refuses to publish without the newsroom, since Google requires author and url', () => {
    expect(() => renderReport(hostileArticle(), 'claimreview', { publisher: { newsroomName: '', newsroomUrl: '' } })).toThrow(
      /set the newsroom name and web address in Settings/,
    );
    expect(() => renderReport(hostileArticle(), 'claimreview', { publisher: { newsroomName: 'Bugle', newsroomUrl: '' } })).toThrow();
  });

  it('is an empty list when nothing has a published verdict', () => {
    const none = renderReport(articleOf([['An opinion.', 'opinion'], ['Not yet.', 'unchecked']]), 'claimreview', {
      publisher: NEWSROOM,
    });
    expect(JSON.parse(none)).toEqual([]);
  });
});
