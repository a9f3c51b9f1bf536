/** New statements and the ids every stored thing gets. Plain code: the renderer's tests use it too. */
import type { Statement } from './schema';

/**
 * 12 characters of base64url. Never "-" first: an id is typed as a command argument
 * (`factdesk show ID`), where a leading "-" reads as an option. Web Crypto, which Node and the
 * renderer both have, so this module needs no Node built-in.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
  return id.startsWith('-') ? `A${id.slice(1)}` : id;
}

/** A new statement, unchecked and without evidence. */
export function blankStatement(start: number, end: number, text: string): Statement {
  return {
    id: newId(),
    start,
    end,
    text,
    verdict: 'unchecked',
    sources: [],
    explanation: '',
    note: '',
    claimant: '',
    corrections: [],
    updatedAt: null,
    checkedBy: '',
    checkedAt: null,
    review: null,
    unsupported: [],
    history: [],
  };
}
