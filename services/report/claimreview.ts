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
 * Only verdicts a second editor signed off are published, unless the export asks for unsigned
 * ones too (`includeUnsigned`): ClaimReview is read by machines that cannot see "awaiting
 * sign-off".
 *
 * author is the newsroom from Settings (newsroomName, newsroomUrl); url is the article's
 * published fact-check page (factCheckUrl), falling back to the newsroom's web address with a
 * warning. Both are required by Google, so a newsroom without a name or web address gets a
 * clear error, not invalid markup.
 * itemReviewed is the Claim: its author is the statement's claimant (who said it), a Person, or
 * an Organization when it is the outlet or a body; a statement without a recorded claimant
 * gets the suggested one (attribution in the sentence or the one before, else the article's
 * author or outlet) with a warning. Its appearance is the article (url, headline, date).
 * A corrected statement carries its corrected rating and dateModified, the day of its last
 * correction; its datePublished is the day of its first verdict.
 */
import { UserError } from '../../store/errors';
import type { Article, Statement } from '../../domain/schema';
import { VERDICT_LABEL, type Verdict } from '../../domain/verdicts';
import { suggestClaimant } from '../hints/claimant';
import { isoDay, plural } from './format';
import { isAwaitingSignOff } from '../../domain/sign-off';
import type { ReportScope } from './scope';

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

export function claimReviews(
  article: Article,
  publisher: Publisher,
  generatedAt: Date,
  scope: Pick<ReportScope, 'includeUnsigned'> = { includeUnsigned: false },
  warn: (message: string) => void = () => undefined,
): JsonLd[] {
  const name = publisher.newsroomName.trim();
  const newsroomUrl = publisher.newsroomUrl.trim();
  if (!name || !newsroomUrl) {
    throw new UserError(
      'invalid-input',
      'ClaimReview needs the newsroom that publishes the fact-check: set the newsroom name and web address in Settings first.',
    );
  }
  const url = article.factCheckUrl.trim() || newsroomUrl;
  if (!article.factCheckUrl.trim()) {
    warn(
      `No published fact-check URL is recorded for "${article.title}": ClaimReview's url is the newsroom's address (${newsroomUrl}). Record the fact-check page's address on the article before publishing the markup.`,
    );
  }
  const organisation = { '@type': 'Organization', name, url: newsroomUrl };
  const published = article.statements.map((s, i) => [s, i] as const).filter(([s]) => isPublishable(s));
  const unsigned = published.filter(([s]) => isAwaitingSignOff(s)).length;
  if (unsigned && !scope.includeUnsigned) {
    warn(`${plural(unsigned, 'verdict')} awaiting sign-off left out (publish them with --include-unsigned).`);
  }
  const included = published.filter(([s]) => scope.includeUnsigned || !isAwaitingSignOff(s));
  const suggested = included.filter(([s]) => !s.claimant.trim()).length;
  if (suggested) {
    warn(`${plural(suggested, 'statement')} without a recorded claimant: the suggested claimant is used. Confirm claimants in the evidence panel.`);
  }
  return included.map(([s, i]) => {
      const verdict = s.verdict as keyof typeof RATING_VALUE;
      const value = RATING_VALUE[verdict];
      const rating: JsonLd = { '@type': 'Rating' };
      if (value !== null) {
        rating.ratingValue = value;
        rating.bestRating = RATING_SCALE.best;
        rating.worstRating = RATING_SCALE.worst;
      }
      rating.alternateName = VERDICT_LABEL[verdict];
      const review: JsonLd = {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url,
        claimReviewed: s.text.replace(/\s+/g, ' ').trim(),
        datePublished: datePublished(s, generatedAt),
        author: organisation,
        reviewRating: rating,
        itemReviewed: claim(article, s.claimant.trim() || suggestClaimant(article, i).claimant),
      };
      const last = s.corrections.at(-1);
      if (last) review.dateModified = last.date;
      return review;
    });
}

/** The export day; for a corrected statement the day of its first verdict, so it never follows dateModified. */
function datePublished(s: Statement, generatedAt: Date): string {
  const today = isoDay(generatedAt);
  if (!s.corrections.length) return today;
  const first = s.history.find((h) => h.field === 'verdict')?.at ?? s.corrections[0]!.at;
  const day = [isoDay(first), s.corrections[0]!.date, today].sort()[0]!;
  return day;
}

/** Words that make a claimant a body rather than a person. */
const BODY = /\b(?:ministry|department|office|council|agency|bureau|committee|government|police|university|party|institute|inc|ltd|corporation|company|association|commission|authority|service|board|court|parliament|congress|senate|union|bank|fund|organi[sz]ation|group|foundation|news|times|post)\b/i;

function claim(article: Article, claimant: string): JsonLd {
  const item: JsonLd = { '@type': 'Claim' };
  const outlet = article.outlet ? { '@type': 'Organization', name: article.outlet } : undefined;
  if (claimant) {
    const isBody = claimant === article.outlet || /^the\s/i.test(claimant) || BODY.test(claimant);
    item.author = isBody
      ? { '@type': 'Organization', name: claimant }
      : { '@type': 'Person', name: claimant, ...(claimant === article.author && outlet ? { worksFor: outlet } : {}) };
  }
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

export function renderClaimReview(
  article: Article,
  publisher: Publisher,
  generatedAt: Date,
  scope?: Pick<ReportScope, 'includeUnsigned'>,
  warn?: (message: string) => void,
): string {
  return `${scriptSafeJson(claimReviews(article, publisher, generatedAt, scope, warn))}\n`;
}
