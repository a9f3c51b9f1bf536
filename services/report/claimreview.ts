/**
 * schema.org ClaimReview as JSON-LD, the markup search engines and fact-check aggregators read
 * (https://developers.google.com/search/docs/appearance/structured-data/factcheck).
 *
 * One ClaimReview per statement that has a published verdict. Unchecked and opinion
 * statements are never published: they are not fact-checks. The output is a JSON array of
 * ClaimReview objects, each with its own @context, ready to paste into a
 * <script type="application/ld+json"> element: "<", ">" and "&" are written as \u escapes so
 * no claim text can close that element.
 *
 * Rating scale (reviewRating): 1 = worst, 5 = best.
 *
 *   Verdict           ratingValue   alternateName
 *   False             1             "False"
 *   Misleading        2             "Misleading"
 *   (reserved)        3             for a future "Half true" / "Mixed" verdict
 *   Mostly accurate   4             "Mostly accurate"
 *   Verified          5             "Verified"
 *   Unverifiable      none          "Unverifiable"  (no place on a true/false scale)
 *
 * alternateName, the words readers see, is always the verdict's label. bestRating and
 * worstRating are given with every numeric rating, as schema.org requires for a scale that is
 * not 1–5 by default.
 *
 * author is the newsroom from Settings (newsroomName, newsroomUrl); url is the newsroom's web
 * address, to be replaced by the fact-check page's address when one exists. Both are required
 * by Google, so a newsroom without a name or web address gets a clear error, not invalid markup.
 * itemReviewed is the Claim: its author is the article's author (a Person) or, without one,
 * its outlet (an Organization); its appearance is the article (url, headline, date).
 */
import { UserError } from '../../store/errors';
import type { Article, Statement } from '../../store/schema';
import { VERDICT_LABEL, type Verdict } from '../../store/verdicts';
import { isoDay } from './format';

export const RATING_SCALE = { worst: 1, best: 5 } as const;

/** The numeric rating of each published verdict; null for verdicts with no place on the scale. */
export const RATING_VALUE: Record<Exclude<Verdict, 'unchecked' | 'opinion'>, number | null> = {
  false: 1,
  misleading: 2,
  'mostly-accurate': 4,
  verified: 5,
  unverifiable: null,
};

/** Verdicts that are never published as a ClaimReview. */
export const UNPUBLISHED_VERDICTS: readonly Verdict[] = ['unchecked', 'opinion'];

export interface Publisher {
  newsroomName: string;
  newsroomUrl: string;
}

export type JsonLd = Record<string, unknown>;

export function isPublishable(statement: Statement): boolean {
  return !UNPUBLISHED_VERDICTS.includes(statement.verdict);
}

export function claimReviews(article: Article, publisher: Publisher, generatedAt: Date): JsonLd[] {
  const name = publisher.newsroomName.trim();
  const url = publisher.newsroomUrl.trim();
  if (!name || !url) {
    throw new UserError(
      'invalid-input',
      'ClaimReview needs the newsroom that publishes the fact-check: set the newsroom name and web address in Settings first.',
    );
  }
  const organisation = { '@type': 'Organization', name, url };
  return article.statements.filter(isPublishable).map((s) => {
    const verdict = s.verdict as keyof typeof RATING_VALUE;
    const value = RATING_VALUE[verdict];
    const rating: JsonLd = { '@type': 'Rating' };
    if (value !== null) {
      rating.ratingValue = value;
      rating.bestRating = RATING_SCALE.best;
      rating.worstRating = RATING_SCALE.worst;
    }
    rating.alternateName = VERDICT_LABEL[verdict];
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url,
      claimReviewed: s.text.replace(/\s+/g, ' ').trim(),
      datePublished: isoDay(generatedAt),
      author: organisation,
      reviewRating: rating,
      itemReviewed: claim(article),
    };
  });
}

function claim(article: Article): JsonLd {
  const item: JsonLd = { '@type': 'Claim' };
  const outlet = article.outlet ? { '@type': 'Organization', name: article.outlet } : undefined;
  if (article.author) item.author = { '@type': 'Person', name: article.author, ...(outlet ? { worksFor: outlet } : {}) };
  else if (outlet) item.author = outlet;
  if (article.publishedAt) item.datePublished = article.publishedAt;
  if (article.url) {
    const appearance: JsonLd = { '@type': 'CreativeWork', url: article.url };
    if (article.title) appearance.headline = article.title;
    if (article.publishedAt) appearance.datePublished = article.publishedAt;
    if (outlet) appearance.publisher = outlet;
    item.appearance = appearance;
  }
  return item;
}

/** JSON that is also safe inside an HTML <script> element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function renderClaimReview(article: Article, publisher: Publisher, generatedAt: Date): string {
  return `${scriptSafeJson(claimReviews(article, publisher, generatedAt))}\n`;
}
