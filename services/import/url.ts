/**
 * Import from a web address. The page is fetched in the main process with Node's fetch, never
 * by the renderer, under three limits: a deadline for the whole exchange, a size limit counted
 * while the body streams in (a server may lie about or omit Content-Length), and at most a few
 * redirects, each checked to still be http(s). Then it is read like a saved .html file.
 */
import { STATUS_CODES } from 'node:http';
import type { ImportedDraft } from '../../api/contract';
import { UserError } from '../../store/errors';
import { extractArticle } from './article';
import { decodeText, finishDraft, importError, MAX_IMPORT_BYTES, tooLargeMessage } from './draft';
import { declaredCharset } from './html';
import { markdownToText } from './markdown';
import { webUrl } from './metadata';

export interface UrlImportOptions {
  /** The whole exchange, redirects and body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export const URL_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;

/** What a page may be: a web page, or text. Anything else (PDF, images, JSON) is refused by name. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text/plain', 'text/markdown']);

export async function importArticleUrl(address: string, options: UrlImportOptions = {}): Promise<ImportedDraft> {
  const { timeoutMs = URL_TIMEOUT_MS, maxBytes = MAX_IMPORT_BYTES, maxRedirects = MAX_REDIRECTS } = options;
  const start = webUrl(address);
  if (!start) throw importError(`${address.trim() || 'The address'} is not a web address Factdesk can open: use a link that starts with http:// or https://.`);

  const signal = AbortSignal.timeout(timeoutMs);
  const { response, url } = await fetchFollowing(start, signal, timeoutMs, maxRedirects);
  const host = new URL(url).hostname;

  const mime = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // A server that names no type gets the benefit of the doubt: a binary body is still refused when decoded.
  if (mime && !HTML_TYPES.has(mime) && !TEXT_TYPES.has(mime)) {
    await response.body?.cancel();
    throw importError(`${url} is not a web page or text (the server says it is ${mime}). Factdesk imports articles from web pages.`);
  }
  const bytes = await readBody(response, url, host, signal, timeoutMs, maxBytes);
  if (!bytes.byteLength) throw importError(`${url} is empty: the server sent no text.`);

  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  if (TEXT_TYPES.has(mime)) {
    const raw = decodePage(url, bytes, charset);
    const { text, title } = mime === 'text/markdown' ? markdownToText(raw) : { text: raw, title: '' };
    return finishDraft(url, text, { title, url }, host);
  }
  const { text, ...meta } = extractArticle(url, decodePage(url, bytes, charset ?? declaredCharset(bytes)), url);
  return finishDraft(url, text, meta, host);
}

/** decodeText, with a message about a page rather than a file the editor could save again. */
function decodePage(url: string, bytes: Uint8Array, charset: string | undefined): string {
  try {
    return decodeText(url, bytes, charset);
  } catch {
    throw importError(`${url} did not send readable text: the page is not in the encoding it declares, or is not text at all.`);
  }
}

/**
 * GET with redirects followed by hand (not by fetch), so each hop's target can be checked and
 * counted. Returns the first non-redirect response, which must be a success.
 */
async function fetchFollowing(
  start: string,
  signal: AbortSignal,
  timeoutMs: number,
  maxRedirects: number,
): Promise<{ response: Response; url: string }> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const host = new URL(url).hostname;
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: {
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
          'user-agent': 'Mozilla/5.0 (compatible; Factdesk article import)',
        },
      });
    } catch (err) {
      throw describeFailure(err, host, timeoutMs);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= maxRedirects) {
        throw importError(`${host} redirected ${start} more than ${maxRedirects} times; the page could not be opened.`);
      }
      const next = webUrl(location, url);
      if (!next) throw importError(`${host} redirected ${url} to ${location}, which is not a web address Factdesk can open.`);
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const reason = STATUS_CODES[response.status] ?? response.statusText;
      throw importError(`${host} answered ${response.status}${reason ? ` ${reason}` : ''} for ${url}.`);
    }
    return { response, url };
  }
}

/** The body, chunk by chunk, given up as soon as it passes `maxBytes`. */
async function readBody(
  response: Response,
  url: string,
  host: string,
  signal: AbortSignal,
  timeoutMs: number,
  maxBytes: number,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw importError(tooLargeMessage(url, `${(declared / 1024 / 1024).toFixed(1)} MB`));
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw importError(tooLargeMessage(url, `more than ${maxBytes / 1024 / 1024} MB`));
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw describeFailure(err, host, timeoutMs, 'read the page from');
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A network failure in words: the deadline, or why the server could not be reached. */
function describeFailure(err: unknown, host: string, timeoutMs: number, doing = 'reach'): Error {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return importError(`${host} did not answer within ${formatSeconds(timeoutMs)}. Check the link, or try again later.`);
  }
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? '';
  let reason: string;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = 'the address was not found (is the link right, and is this computer online?)';
  else if (code === 'ECONNREFUSED') reason = 'the connection was refused';
  else if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') reason = 'the network is unreachable (is this computer online?)';
  else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') reason = 'the connection was closed unexpectedly';
  else if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') reason = 'the connection timed out';
  else if (/CERT|SSL|TLS/.test(code)) reason = 'its security certificate could not be verified';
  else reason = cause?.message ?? (err instanceof Error ? err.message : String(err));
  return importError(`Could not ${doing} ${host}: ${reason}.`);
}

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}
