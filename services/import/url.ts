/**
 * Import from a web address. The page is fetched by Factdesk, never by the renderer, under
 * three limits: a deadline for the whole exchange, a size limit counted while the body streams
 * in (a server may lie about or omit Content-Length), and at most a few redirects, each checked
 * to still be http(s). Then it is read like a saved .html file.
 *
 * A link comes from a stranger, and the editor's computer sits inside the newsroom's network:
 * every hop may only reach a public address (see network.ts). The address is checked after
 * DNS resolution, by the lookup the connection itself uses, so a name cannot resolve to a public
 * address when checked and a private one when connected. Failures to connect all read the same,
 * so a link cannot be used to learn which of the newsroom's ports are open.
 */
import { STATUS_CODES } from 'node:http';
import { fetch, type Response } from 'undici';
import type { ImportedDraft } from '../../api/contract';
import { UserError } from '../../store/errors';
import { extractArticle } from './article';
import { decodeText, finishDraft, importError, MAX_IMPORT_BYTES, tooLargeMessage, URL_TIMEOUT_MS } from './draft';
import { declaredCharset } from './html';
import { markdownToText } from './markdown';
import { webUrl } from './metadata';
import { bareHost, checkLiteralAddress, guardedAgent, PrivateAddressError, privateAddressError } from './network';

export interface UrlImportOptions {
  /** The whole exchange, redirects and body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Let the link's own host be on this computer or the newsroom's network (loopback, private,
   * link-local and other special addresses); redirects to any other such host are still
   * refused. Off by default: the app asks the editor first, the commands take
   * --allow-private-network.
   */
  allowPrivateNetwork?: boolean;
  /** Called once the page has arrived, before it is read (the worker's reading budget starts then). */
  onDownloaded?: () => void;
}

export { URL_TIMEOUT_MS };
export const MAX_REDIRECTS = 5;

/** What a page may be: a web page, or text. Anything else (PDF, images, JSON) is refused by name. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text/plain', 'text/markdown']);

export async function importArticleUrl(address: string, options: UrlImportOptions = {}): Promise<ImportedDraft> {
  const { timeoutMs = URL_TIMEOUT_MS, maxBytes = MAX_IMPORT_BYTES, maxRedirects = MAX_REDIRECTS, allowPrivateNetwork = false, onDownloaded } = options;
  const start = webUrl(address);
  if (!start) throw importError(`${address.trim() || 'The address'} is not a web address Factdesk can open: use a link that starts with http:// or https://.`);

  const signal = AbortSignal.timeout(timeoutMs);
  const trusted = allowPrivateNetwork ? bareHost(start) : null;
  const agent = guardedAgent(trusted);
  try {
    return await fetchArticle(start, { signal, timeoutMs, maxBytes, maxRedirects, trusted, agent, onDownloaded });
  } finally {
    void agent.destroy().catch(() => undefined);
  }
}

interface Exchange {
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** The host the editor allowed on a private address, or null. */
  trusted: string | null;
  agent: ReturnType<typeof guardedAgent>;
  onDownloaded?: () => void;
}

async function fetchArticle(start: string, exchange: Exchange): Promise<ImportedDraft> {
  const { timeoutMs, maxBytes } = exchange;
  const { response, url } = await fetchFollowing(start, exchange);
  const host = new URL(url).hostname;

  const mime = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // A server that names no type gets the benefit of the doubt: a binary body is still refused when decoded.
  if (mime && !HTML_TYPES.has(mime) && !TEXT_TYPES.has(mime)) {
    await response.body?.cancel();
    throw importError(`${url} is not a web page or text (the server says it is ${mime}). Factdesk imports articles from web pages.`);
  }
  const bytes = await readBody(response, url, host, timeoutMs, maxBytes);
  exchange.onDownloaded?.();
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
async function fetchFollowing(start: string, exchange: Exchange): Promise<{ response: Response; url: string }> {
  const { signal, timeoutMs, maxRedirects, trusted, agent } = exchange;
  let url = start;
  for (let hop = 0; ; hop++) {
    const host = new URL(url).hostname;
    // An address written as digits never goes through DNS, so the lookup cannot check it.
    checkLiteralAddress(url, trusted);
    let response: Response;
    try {
      response = await fetch(url, {
        dispatcher: agent,
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

/**
 * A network failure in words. A refused connection, a reset, an unreachable host and the
 * deadline all read the same: told apart, they would map which of the newsroom's ports answer.
 */
function describeFailure(err: unknown, host: string, timeoutMs: number, doing = 'reach'): Error {
  const cause = (err as { cause?: unknown })?.cause;
  if (cause instanceof PrivateAddressError) return privateAddressError(host, cause.address);
  if (err instanceof PrivateAddressError) return privateAddressError(host, err.address);
  const code = (cause as { code?: string } | undefined)?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return importError(`Could not ${doing} ${host}: the address was not found (is the link right, and is this computer online?).`);
  }
  if (/CERT|SSL|TLS/.test(code)) return importError(`Could not ${doing} ${host}: its security certificate could not be verified.`);
  return importError(`Could not ${doing} ${host}: no answer within ${formatSeconds(timeoutMs)}, or the connection was refused or dropped. Check the link, or try again later.`);
}

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}
