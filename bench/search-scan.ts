/**
 * Search across the whole library by reading every article: statement text, quotes, sources and
 * notes, with filters. Library search now answers from the index (services/library-index); this
 * scan stays as the baseline `npm run bench:search` measures the index against.
 */
import type { SearchField, SearchHit, SearchQuery } from '../api/contract';
import type { Article, Statement } from '../domain/schema';

export const MAX_HITS = 200;

export function searchArticle(article: Article, query: SearchQuery): SearchHit[] {
  const needle = fold(query.text.trim());
  const hits: SearchHit[] = [];
  article.statements.forEach((s, i) => {
    if (!passesFilters(s, query)) return;
    const found = needle ? firstMatch(s, needle) : { field: 'statement' as const, text: s.text };
    if (!found) return;
    hits.push({
      articleId: article.id,
      articleTitle: article.title,
      statementId: s.id,
      index: i + 1,
      text: s.text,
      verdict: s.verdict,
      field: found.field,
      snippet: snippet(found.text, needle),
    });
  });
  return hits;
}

function passesFilters(s: Statement, q: SearchQuery): boolean {
  if (q.verdict && s.verdict !== q.verdict) return false;
  if (q.review === 'signed-off' && !s.review) return false;
  if (q.review === 'awaiting' && (s.review || s.verdict === 'unchecked' || s.verdict === 'opinion')) return false;
  if (q.editor) {
    const who = fold(q.editor.trim());
    if (![s.checkedBy, s.review?.by ?? '', ...s.history.map((h) => h.by)].some((name) => fold(name).includes(who))) return false;
  }
  const day = (s.updatedAt ?? '').slice(0, 10);
  if (q.from && (!day || day < q.from)) return false;
  if (q.to && (!day || day > q.to)) return false;
  return true;
}

function firstMatch(s: Statement, needle: string): { field: SearchField; text: string } | null {
  if (fold(s.text).includes(needle)) return { field: 'statement', text: s.text };
  for (const source of s.sources) {
    if (fold(source.quote).includes(needle)) return { field: 'quote', text: source.quote };
    const about = [source.title, source.publisher, source.author, source.url, source.file].join(' · ');
    if (fold(about).includes(needle)) return { field: 'source', text: about };
  }
  if (fold(s.note).includes(needle)) return { field: 'note', text: s.note };
  return null;
}

/** Case- and accent-insensitive. */
function fold(text: string): string {
  return text.toLocaleLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

function snippet(text: string, needle: string): string {
  const at = needle ? fold(text).indexOf(needle) : 0;
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, Math.max(at, 0) + needle.length + 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
