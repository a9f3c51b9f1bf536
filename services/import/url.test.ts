import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../main/handlers';
import { testHost } from '../../test/host';
import type { Handlers } from '../../api/contract';
import { Store } from '../../store/store';
import { parseHtml } from './html';
import { importArticleBytes, importArticleUrl, type UrlImportOptions } from './index';
import { isPublicAddress } from './network';

/** The test server is on this computer: these fetches are allowed to reach it, as the editor can allow one. */
const fetchLocal = (address: string, options: UrlImportOptions = {}) => importArticleUrl(address, { ...options, allowPrivateNetwork: true });

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

let server: http.Server;
let origin: string;
/** Every path the server was asked for, to prove what was (not) fetched. */
let requests: string[] = [];

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '/';
  const html = (body: string, type = 'text/html; charset=utf-8') => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };
  const redirect = /^\/redirect\/(\d+)$/.exec(url);
  if (redirect) {
    const n = Number(redirect[1]);
    res.writeHead(302, { location: n > 0 ? `/redirect/${n - 1}` : `${origin}/article` });
    return void res.end();
  }
  switch (url) {
    case '/article':
      return html(fixture('article.html'));
    case '/hostile':
      return html(fixture('hostile.html').replaceAll('ORIGIN', origin));
    case '/no-article':
      return html(fixture('no-article.html'));
    case '/nav-only':
      return html(fixture('nav-only.html'));
    case '/plain':
      return html('First paragraph.\r\n\r\nSecond – with ünïcödé and 日本語.\n', 'text/plain; charset=utf-8');
    case '/latin':
      res.writeHead(200, { 'content-type': 'text/plain; charset=windows-1252' });
      return void res.end(Buffer.from('Caf\xe9 \x93cr\xe8me\x94', 'latin1'));
    case '/no-type':
      res.writeHead(200);
      return void res.end(fixture('article.html'));
    case '/binary':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xd8]));
    case '/empty':
      return html('');
    case '/pdf':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return void res.end('%PDF-1.7');
    case '/missing':
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end('<h1>Not here</h1>');
    case '/broken':
      res.writeHead(500, 'Oops');
      return void res.end();
    case '/to-metadata':
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return void res.end();
    case '/to-localhost':
      // Same computer, another name: the editor allowed 127.0.0.1, not wherever it sends them.
      res.writeHead(302, { location: `http://localhost:${new URL(origin).port}/article` });
      return void res.end();
    case '/to-file':
      res.writeHead(301, { location: 'file:///etc/passwd' });
      return void res.end();
    case '/slow':
      setTimeout(() => html(fixture('article.html')), 3000).unref();
      return;
    case '/slow-body':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>The start of the page arrives');
      setTimeout(() => res.end('</p></body></html>'), 3000).unref();
      return;
    case '/declared-large':
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(11 * 1024 * 1024) });
      res.write('<html>'); // the rest never comes: the client must stop at the header
      return;
    case '/streamed-large': {
      // No Content-Length: the limit has to be enforced while reading.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = `<p>${'x'.repeat(16 * 1024)}</p>`;
      let sent = 0;
      const pump = () => {
        while (sent < CHUNKS) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (streamedChunks = sent));
      return pump();
    }
    default:
      res.writeHead(404);
      res.end();
  }
}
let streamedChunks = 0;
/** 64 MB in all: far more than the kernel's socket buffers, so a client that stops reading is seen to stop. */
const CHUNKS = 4096;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  requests = [];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const NO_ANSWER = (doing: string, seconds: number) =>
  `Could not ${doing} 127.0.0.1: no answer within ${seconds} seconds, or the connection was refused or dropped. Check the link, or try again later.`;

describe('importArticleUrl', () => {
  it('imports an article with its metadata; the canonical link resolves against the page', async () => {
    expect(await fetchLocal(`${origin}/article`)).toEqual({
      // The headline is the article's first paragraph, so its first statement.
      text: expect.stringMatching(/^Council approves harbour budget\n\nThe city council approved a harbour budget of €12\.4\u00a0million on Tuesday[^]*has not published a timetable\.$/),
      title: 'Council approves harbour budget',
      author: 'Marta Quist',
      outlet: 'The Coastal Courier',
      url: `${origin}/news/2024/harbour-budget`,
      publishedAt: '2024-03-05',
      fileName: '127.0.0.1',
    });
    expect(requests).toEqual(['/article']);
  });

  it('fills in the address itself when the page names none', async () => {
    const draft = await fetchLocal(`${origin}/hostile`);
    expect(draft.url).toBe(`${origin}/hostile`);
  });

  it('follows up to five redirects', async () => {
    const draft = await fetchLocal(`${origin}/redirect/4`);
    expect(draft.title).toBe('Council approves harbour budget');
    expect(requests).toEqual(['/redirect/4', '/redirect/3', '/redirect/2', '/redirect/1', '/redirect/0', '/article']);
  });

  it('gives up after five redirects', async () => {
    await expect(fetchLocal(`${origin}/redirect/5`)).rejects.toThrow(
      `127.0.0.1 redirected ${origin}/redirect/5 more than 5 times; the page could not be opened.`,
    );
    expect(requests).toHaveLength(6);
  });

  it('refuses a redirect to something other than http(s)', async () => {
    await expect(fetchLocal(`${origin}/to-file`)).rejects.toThrow(
      `127.0.0.1 redirected ${origin}/to-file to file:///etc/passwd, which is not a web address Factdesk can open.`,
    );
  });

  it('imports plain text as it is, and honours the declared charset', async () => {
    expect(await fetchLocal(`${origin}/plain`)).toEqual({
      text: 'First paragraph.\n\nSecond – with ünïcödé and 日本語.',
      title: '',
      author: '',
      outlet: '',
      url: `${origin}/plain`,
      publishedAt: '',
      fileName: '127.0.0.1',
    });
    expect((await fetchLocal(`${origin}/latin`)).text).toBe('Café “crème”');
  });

  it('reads a page whose server names no content type as HTML', async () => {
    expect((await fetchLocal(`${origin}/no-type`)).title).toBe('Council approves harbour budget');
  });

  it('says which server answered 404, and for what', async () => {
    await expect(fetchLocal(`${origin}/missing`)).rejects.toThrow(`127.0.0.1 answered 404 Not Found for ${origin}/missing.`);
    await expect(fetchLocal(`${origin}/broken`)).rejects.toThrow(`127.0.0.1 answered 500 Internal Server Error for ${origin}/broken.`);
  });

  it('times out a server that does not answer', async () => {
    const started = Date.now();
    await expect(fetchLocal(`${origin}/slow`, { timeoutMs: 300 })).rejects.toThrow(NO_ANSWER('reach', 0.3));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a body that stops arriving', async () => {
    await expect(fetchLocal(`${origin}/slow-body`, { timeoutMs: 300 })).rejects.toThrow(NO_ANSWER('read the page from', 0.3));
  });

  it('refuses a page that declares itself too large, without reading it', async () => {
    await expect(fetchLocal(`${origin}/declared-large`)).rejects.toThrow(
      `${origin}/declared-large is too large (11.0 MB); Factdesk opens articles up to 10 MB.`,
    );
  });

  it('stops reading a page as soon as it passes the limit', async () => {
    await expect(fetchLocal(`${origin}/streamed-large`, { maxBytes: 64 * 1024 })).rejects.toThrow(
      `${origin}/streamed-large is too large (more than 0.0625 MB); Factdesk opens articles up to 10 MB.`,
    );
    await expect.poll(() => streamedChunks).toBeGreaterThan(0);
    expect(streamedChunks).toBeLessThan(CHUNKS); // the connection was dropped, not drained
  });

  it('refuses what is not a web page or text', async () => {
    await expect(fetchLocal(`${origin}/pdf`)).rejects.toThrow(
      `${origin}/pdf is not a web page or text (the server says it is application/pdf). Factdesk imports articles from web pages.`,
    );
  });

  it('refuses a body that is not text in the declared encoding', async () => {
    await expect(fetchLocal(`${origin}/binary`)).rejects.toThrow(
      `${origin}/binary did not send readable text: the page is not in the encoding it declares, or is not text at all.`,
    );
  });

  it('refuses a page without an article, and an empty one', async () => {
    await expect(fetchLocal(`${origin}/no-article`)).rejects.toThrow(
      `No article text found in ${origin}/no-article: the page has no article Factdesk can read. Copy the text from your browser and paste it instead.`,
    );
    await expect(fetchLocal(`${origin}/empty`)).rejects.toThrow(`${origin}/empty is empty: the server sent no text.`);
    // Navigation, a list of sections and a footer: Readability's fallback text, not an article.
    await expect(fetchLocal(`${origin}/nav-only`)).rejects.toThrow(
      `No article text found in ${origin}/nav-only: the page has no article Factdesk can read. Copy the text from your browser and paste it instead.`,
    );
  });

  it('explains a server that cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // The same words as a server that never answers: a link cannot tell an open port from a closed one.
    await expect(fetchLocal(`http://127.0.0.1:${port}/`, { timeoutMs: 300 })).rejects.toThrow(NO_ANSWER('reach', 0.3));
  });

  it('explains an address that does not resolve', async () => {
    // .invalid is reserved (RFC 2606): it never resolves, online or offline.
    await expect(importArticleUrl('https://no-such-newsroom.invalid/story')).rejects.toThrow(
      'Could not reach no-such-newsroom.invalid: the address was not found (is the link right, and is this computer online?).',
    );
  });

  it('accepts only http(s) addresses', async () => {
    for (const address of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/a.txt', 'not a url', '']) {
      await expect(importArticleUrl(address)).rejects.toThrow(/is not a web address Factdesk can open: use a link that starts with http:\/\/ or https:\/\/\.$/);
    }
    expect(requests).toEqual([]);
  });
});

describe('links into the newsroom\'s network', () => {
  const port = () => new URL(origin).port;
  const refused = (where: string) =>
    `${where} is on this computer or the newsroom's own network, not the public web. Factdesk opens such a link only when you allow it.`;

  it.each([
    ['loopback', () => `http://127.0.0.1:${port()}/article`, '127.0.0.1'],
    ['a decimal address', () => `http://2130706433:${port()}/article`, '127.0.0.1'],
    ['a hex and short address', () => `http://0x7f.1:${port()}/article`, '127.0.0.1'],
    ['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${port()}/article`, '[::ffff:7f00:1] (127.0.0.1)'],
    ['IPv6 loopback', () => `http://[::1]:${port()}/article`, '[::1]'],
    ['a name that resolves to loopback', () => `http://localhost:${port()}/article`, 'localhost (127.0.0.1)'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['a private network', () => 'http://10.0.0.1/', '10.0.0.1'],
    ['carrier-grade NAT', () => 'http://100.64.0.1/', '100.64.0.1'],
    ['the unspecified address', () => `http://0.0.0.0:${port()}/`, '0.0.0.0'],
  ])('refuses %s by default, without connecting', async (_kind, address, where) => {
    const error = await importArticleUrl(address()).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'private-address', message: refused(where) });
    expect(requests).toEqual([]);
  });

  it('refuses a redirect from an allowed host to another private one, checked on that hop', async () => {
    await expect(fetchLocal(`${origin}/to-metadata`)).rejects.toMatchObject({ code: 'private-address', message: refused('169.254.169.254') });
    await expect(fetchLocal(`${origin}/to-localhost`)).rejects.toMatchObject({ code: 'private-address', message: refused('localhost (127.0.0.1)') });
    // The first hop was fetched; the second never was.
    expect(requests).toEqual(['/to-metadata', '/to-localhost']);
  });

  it('tells public from special addresses', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '93.184.216.34']) expect(isPublicAddress(address), address).toBe(true);
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1', '192.0.2.1', '198.18.0.1', '::', '::1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '64:ff9b::a00:1', '2002:a00:1::1', '2001:db8::1', 'not an address']) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});

describe('hostile pages', () => {
  const hostileText =
    'The first paragraph of a perfectly ordinary article about the harbour budget, which the council approved on Tuesday.\n\n' +
    'A link that would run code: click here for details.\n\n' +
    'The second paragraph says the mayor expects the dredging to pay for itself within five years.';

  it('runs no script and loads nothing when a page is fetched', async () => {
    const draft = await fetchLocal(`${origin}/hostile`);
    expect(draft.text).toBe(hostileText);
    expect(draft.title).toBe('Hostile page');
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for any stray request to arrive
    expect(requests).toEqual(['/hostile']);
  });

  it('runs no script and loads nothing when a saved page is opened', async () => {
    const page = new TextEncoder().encode(fixture('hostile.html').replaceAll('ORIGIN', origin));
    expect((await importArticleBytes('hostile.html', page)).text).toBe(hostileText);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).toEqual([]);
  });

  it('fetches nothing even while a parsed page stays open', async () => {
    // The imports close their window at once, which would hide a loader that was switched on.
    const dom = parseHtml(fixture('hostile.html').replaceAll('ORIGIN', origin), `${origin}/hostile`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(dom.window.document.title).toBe('Hostile page');
    dom.window.close();
    expect(requests).toEqual([]);
  });
});

describe('the importUrl request', () => {
  // The handler never touches the store (a real one, since the handlers open its index); the
  // host's dialogs are not used either.
  let api: Handlers;
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-url-'));
    store = await Store.open(dir, { durable: false });
    api = createHandlers(store, testHost());
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the draft, or the import error as data', async () => {
    // The question the app asks first: this page is on this computer.
    expect(await dispatch(api, 'importUrl', [`${origin}/article`])).toMatchObject({ ok: false, error: { code: 'private-address' } });
    expect(requests).toEqual([]);
    const allowed = { allowPrivateNetwork: true };
    const ok = await dispatch(api, 'importUrl', [`${origin}/article`, allowed]);
    expect(ok).toMatchObject({ ok: true, value: { title: 'Council approves harbour budget', fileName: '127.0.0.1' } });
    expect(await dispatch(api, 'importUrl', [`${origin}/missing`, allowed])).toEqual({
      ok: false,
      error: { code: 'import-failed', message: `127.0.0.1 answered 404 Not Found for ${origin}/missing.` },
    });
  });

  it('refuses anything but one http(s) address before fetching', async () => {
    for (const args of [['file:///etc/passwd'], ['javascript:alert(1)'], [42], [], [`${origin}/article`, { allowPrivateNetwork: 'yes' }], [`${origin}/article`, { other: true }]]) {
      const result = await dispatch(api, 'importUrl', args);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(requests).toEqual([]);
  });
});
