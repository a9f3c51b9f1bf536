/**
 * Evidence checks (issue 5): is a quote really in its source, and does the statement it
 * supports say more than the quote does?
 *
 * `verifyQuote` returns exactly what `factdesk verify-quote --source FILE --quote Q
 * [--statement S]` prints as JSON:
 *
 *   { "match": "exact" | "normalised" | "fuzzy" | "none",
 *     "start": number | null, "end": number | null,      offsets in the source text
 *     "passage": string | null,                         sourceText.slice(start, end)
 *     "differences": [{ "quote", "source", "kind" }],   only for fuzzy matches
 *     "unsupported": string[] }                         facts of the statement the quote never mentions
 */
import { unsupported } from './claims-agree';
import { matchQuote, type Difference, type MatchKind, type PreparedSource } from './quote-match';
import { readSourceText } from '../isolate';

export { unsupported } from './claims-agree';
export { normalise, type NormalisedText } from './normalise';
export {
  FUZZY_THRESHOLD,
  matchQuote,
  prepareSource,
  PreparedSource,
  type Difference,
  type DifferenceKind,
  type MatchKind,
  type QuoteMatch,
} from './quote-match';
export { isSourceFile, pageAt, readPdfText, readSourceText, SOURCE_EXTENSIONS, type SourceText } from './source-text';

export interface VerifyQuoteInput {
  /** The source's text (see readSourceText), or the same prepared once for several quotes. */
  sourceText: string | PreparedSource;
  quote: string;
  /** The statement the quote supports; without it `unsupported` is empty. */
  statement?: string;
}

export interface VerifyQuoteResult {
  match: MatchKind;
  start: number | null;
  end: number | null;
  passage: string | null;
  differences: Difference[];
  unsupported: string[];
}

export function verifyQuote({ sourceText, quote, statement }: VerifyQuoteInput): VerifyQuoteResult {
  const found = matchQuote(sourceText, quote);
  return {
    match: found.match,
    start: found.start,
    end: found.end,
    passage: found.passage,
    differences: found.differences,
    // Checked against the quote, not the passage: a fuzzy match's differences already say where
    // quote and source part, and this answers the other question, what the quote leaves out.
    unsupported: statement?.trim() ? unsupported(statement, [quote]) : [],
  };
}

/** verifyQuote for a source file (.pdf, .txt, .md, .html, .docx), as the command line uses it. */
export async function verifyQuoteInFile(file: string, quote: string, statement?: string): Promise<VerifyQuoteResult> {
  const { text } = await readSourceText(file);
  return verifyQuote({ sourceText: text, quote, statement });
}
