/**
 * What the main process does when an editor saves a statement's sources: every quote that
 * names an attached document is looked for in that document's text, and the statement's
 * facts are compared with its supporting quotes. The results are stored with the statement,
 * so a report can say "found in source" only when Factdesk found it.
 */
import type { Source, SourceDocument, SourceInput, Statement } from '../../domain/schema';
import { unsupported } from './claims-agree';
import { matchQuote, prepareSource, type PreparedSource } from './quote-match';

/** Preparing a long document takes a while; keep the last few for the quotes that follow. */
const PREPARED_KEEP = 8;

export class SourceChecker {
  private prepared = new Map<string, PreparedSource>();

  constructor(private readonly loadDocument: (documentId: string) => Promise<SourceDocument>) {}

  async check(statement: Statement, sources: SourceInput[], now: string): Promise<Source[]> {
    return Promise.all(
      sources.map(async (source): Promise<Source> => {
        const { documentId, quote } = source;
        if (!documentId || !quote.trim()) return { ...source };
        // The same quote against the same document: the earlier check still holds.
        const earlier = statement.sources.find((s) => s.documentId === documentId && s.quote === quote && s.check);
        if (earlier?.check) return { ...source, check: earlier.check };
        const result = matchQuote(await this.preparedText(documentId), quote);
        return { ...source, check: { ...result, checkedAt: now } };
      }),
    );
  }

  private async preparedText(documentId: string): Promise<PreparedSource> {
    const cached = this.prepared.get(documentId);
    if (cached) return cached;
    const prepared = prepareSource((await this.loadDocument(documentId)).text);
    this.prepared.set(documentId, prepared);
    if (this.prepared.size > PREPARED_KEEP) this.prepared.delete(this.prepared.keys().next().value!);
    return prepared;
  }
}

/** The statement's numbers, dates and names that none of its supporting quotes mentions. */
export function unsupportedFacts(statementText: string, sources: Pick<Source, 'role' | 'quote'>[]): string[] {
  const quotes = sources.filter((s) => s.role === 'supports' && s.quote.trim()).map((s) => s.quote);
  // With no supporting quote yet there is nothing to compare: flagging every fact would be noise.
  return quotes.length ? unsupported(statementText, quotes) : [];
}
