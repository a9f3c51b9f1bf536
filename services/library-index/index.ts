/**
 * The library index (issue 16): library search, earlier checks of the same claim, and other
 * publishers' fact-checks (ClaimReview) to match against.
 */
export { LibraryIndex, INDEX_DIR, MAX_HITS, SIMILAR_THRESHOLD, type IndexOpening, type LibraryIndexOptions, type SimilarMatch } from './library-index';
export { claimDifferences, type ClaimDifference } from './differences';
export { parseClaimReviews, MAX_CLAIMREVIEW_BYTES } from './claimreview';
export { claimTerms, searchTerms } from './terms';
