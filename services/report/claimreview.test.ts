import { describe, expect, it } from 'vitest';
import { renderReport } from '.';
import { RATING_SCALE, RATING_VALUE } from './claimreview';
import { AT, articleOf, deskArticle, hostileArticle } from './fixtures/test-articles';

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
  // Every published verdict, signed off or not (--include-unsigned); the default is tested below.
  const text = renderReport(hostileArticle(), 'claimreview', { generatedAt: AT, publisher: NEWSROOM, scope: { includeUnsigned: true } });
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

  it('names the newsroom as author, the article as the claim and, with no claimant recorded or attributed, its author', () => {
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
      renderReport(articleOf([['A claim.', 'false']], { author: '', outlet: 'Bugle' }), 'claimreview', {
        publisher: NEWSROOM,
        scope: { includeUnsigned: true },
      }),
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

describe('ClaimReview: what the desk decided (issue 14)', () => {
  const publish = (scope = {}, article = deskArticle()) => {
    const warnings: string[] = [];
    const reviews = JSON.parse(
      renderReport(article, 'claimreview', { generatedAt: AT, publisher: NEWSROOM, scope, warn: (w) => warnings.push(w) }),
    ) as Json[];
    return { reviews, warnings };
  };

  it('publishes only signed-off verdicts by default, and says how many it left out', () => {
    const { reviews, warnings } = publish();
    expect(reviews.map((r) => r.claimReviewed)).toEqual(['The show spent two weeks in the top ten, said Yorkin.', 'It was filmed in 2019.']);
    expect(warnings).toContain('1 verdict awaiting sign-off left out (publish them with --include-unsigned).');
  });

  it('publishes unsigned verdicts too with includeUnsigned', () => {
    expect(publish({ includeUnsigned: true }).reviews.map((r) => r.reviewRating.alternateName)).toEqual(['Misleading', 'False', 'Verified']);
  });

  it("names the claimant as the claim's author and the article as where it appeared", () => {
    const [yorkin] = publish().reviews;
    expect(yorkin!.itemReviewed).toMatchObject({
      author: { '@type': 'Person', name: 'Nicole Yorkin' },
      appearance: { '@type': 'CreativeWork', url: 'https://bugle.example/hit-run' },
    });
    expect(yorkin!.itemReviewed.author.worksFor).toBeUndefined();
  });

  it('suggests the claimant from the attribution when none is recorded, with a warning', () => {
    const article = deskArticle();
    article.statements[1]!.claimant = '';
    const { reviews, warnings } = publish({}, article);
    expect(reviews[0]!.itemReviewed.author).toEqual({ '@type': 'Person', name: 'Nicole Yorkin' });
    expect(warnings).toContain('2 statements without a recorded claimant: the suggested claimant is used. Confirm claimants in the evidence panel.');
  });

  it("is published at the article's fact-check URL, falling back to the newsroom's address only with a warning", () => {
    const { reviews, warnings } = publish();
    expect(reviews.every((r) => r.url === 'https://bugle.example/fact-checks/hit-run')).toBe(true);
    expect(warnings.join(' ')).not.toContain('No published fact-check URL');
    const article = deskArticle();
    article.factCheckUrl = '';
    const fallback = publish({}, article);
    expect(fallback.reviews[0]!.url).toBe(NEWSROOM.newsroomUrl);
    expect(fallback.warnings[0]).toMatch(/^No published fact-check URL is recorded for "Hit & Run will not be getting a second season": ClaimReview's url is the newsroom's address/);
  });

  it('carries the corrected rating with dateModified, after datePublished', () => {
    const corrected = publish().reviews[1]!;
    expect(corrected.reviewRating).toMatchObject({ ratingValue: 5, alternateName: 'Verified' });
    expect(corrected.dateModified).toBe('2026-11-27');
    expect(corrected.datePublished <= corrected.dateModified).toBe(true);
    expect(publish().reviews[0]!.dateModified).toBeUndefined();
  });

  it("meets Google's required and recommended properties", () => {
    for (const review of publish({ includeUnsigned: true }).reviews) {
      expect(googleFactCheckProblems(review)).toEqual([]);
      if (review.dateModified) expect(isDate(review.dateModified)).toBe(true);
    }
  });
});
