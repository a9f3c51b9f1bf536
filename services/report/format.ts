/** Small text helpers shared by the report formats. */
import { MONTH_NAMES } from '../../domain/lexicon';

/** "2026-11-20" -> "20 November 2026"; anything else is returned as it is. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const month = MONTH_NAMES[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/** An ISO timestamp as "25 November 2026, 10:30 UTC". */
export function formatDateTime(iso: string | Date): string {
  const text = typeof iso === 'string' ? iso : iso.toISOString();
  const time = /T(\d{2}:\d{2})/.exec(text)?.[1];
  return time ? `${formatDate(text)}, ${time} UTC` : formatDate(text);
}

/** "2026-11-25T10:30:00.000Z" -> "2026-11-25". */
export function isoDay(iso: string | Date): string {
  return (typeof iso === 'string' ? iso : iso.toISOString()).slice(0, 10);
}

/** "1 statement", "3 statements". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/**
 * What the report may say about a quote: only Factdesk's own check against the attached source
 * can make it "found in the source"; a quote without a document is reported as not checked.
 */
export function quoteStatus(source: { documentId: string; check?: { match: string } }): string {
  if (!source.documentId || !source.check) return 'not checked against a source document';
  switch (source.check.match) {
    case 'exact':
    case 'normalised':
      return 'found in the source';
    case 'fuzzy':
      return 'found in the source with differences';
    default:
      return 'not found in the source';
  }
}

const DIFFERENCE_LABEL: Record<string, string> = {
  negation: 'negation changed',
  number: 'number changed',
  name: 'name changed',
  wording: 'wording changed',
};

/**
 * One difference between a quote and its source, as a reader reads it:
 * "quote says “two”, source says “three” (number changed)". Text parts are passed through
 * `text` (the format's escaping) and the words around them are plain.
 */
export function describeDifference(
  d: { quote: string; source: string; kind: string },
  text: (t: string) => string = (t) => t,
): string {
  const label = DIFFERENCE_LABEL[d.kind] ?? d.kind;
  if (d.kind === 'elision') return `quote leaves out “${text(d.source)}” at “${text(d.quote)}” (words left out)`;
  if (!d.source) return `quote adds “${text(d.quote)}” (${label})`;
  if (!d.quote) return `source says “${text(d.source)}”, missing from the quote (${label})`;
  return `quote says “${text(d.quote)}”, source says “${text(d.source)}” (${label})`;
}

/** The differences Factdesk found between a quote and its source, when it found the quote with differences. */
export function differencesOf(source: { documentId: string; check?: { match: string; differences: { quote: string; source: string; kind: string }[] } }) {
  return source.documentId && source.check && source.check.match !== 'none' ? source.check.differences : [];
}
