/**
 * HTML in, inert DOM and plain text out. Pages come from strangers (a saved web page, a URL,
 * a pasted fragment), so two rules hold everywhere:
 *  - jsdom is used with its defaults: no `runScripts` and no `resources`, so <script>, onerror=,
 *    javascript: links, <img src>, <iframe src> and stylesheets are parsed as a tree and never
 *    run or fetched;
 *  - what is turned into text has been through DOMPurify first, and the text walker skips
 *    anything that is not reading matter on its own account as well.
 */
import createDOMPurify, { type WindowLike } from 'dompurify';
import { JSDOM, VirtualConsole, type DOMWindow } from 'jsdom';
import { domToText } from './dom-text';

/** Parses a page; `url` is the address it came from, so relative links (canonical) resolve. */
export function parseHtml(html: string, url?: string): JSDOM {
  return new JSDOM(html, {
    ...(url ? { url } : {}),
    // A silent console: a page's broken CSS or markup is not something the editor can act on.
    virtualConsole: new VirtualConsole(),
  });
}

/**
 * DOMPurify over `html` in the given window, returning a fragment of that window. Only the HTML
 * profile is allowed (no SVG, no MathML), and the contents of forbidden elements go with them.
 */
export function sanitise(window: DOMWindow, html: string): DocumentFragment {
  const purify = createDOMPurify(window as unknown as WindowLike);
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'template', 'input', 'button', 'select', 'textarea', 'img', 'picture', 'video', 'audio', 'object', 'embed'],
    // DOMPurify keeps the text of a removed element unless told otherwise; a button's label or an
    // <object>'s fallback is not article text.
    ADD_FORBID_CONTENTS: ['button', 'select', 'textarea', 'picture', 'video', 'audio', 'object', 'embed'],
    RETURN_DOM_FRAGMENT: true,
  });
}

/**
 * Any HTML (a pasted selection, a mail) as plain text with its paragraphs kept. No article
 * extraction: everything readable in the fragment is kept. Exported for a future rich-text paste.
 */
export function htmlToText(html: string): string {
  const dom = parseHtml('');
  try {
    return domToText(sanitise(dom.window, html));
  } finally {
    dom.window.close();
  }
}

/**
 * The encoding a page declares in its first 1024 bytes (<meta charset> or the http-equiv form),
 * as browsers look for it; undefined when it declares none. Many saved pages are not UTF-8.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag)?.[1];
    if (charset) return charset;
  }
  return undefined;
}
