/**
 * Hostile article content: markup that would run code if any part of Factdesk ever treated
 * article text as HTML. Every payload that could execute calls `__pwned('<id>')` (a sentinel
 * the e2e run installs before the page loads) or `alert()` (which would open a dialog), so a
 * payload that runs is seen, whatever the CSP does to it. Used by e2e/hostile.spec.ts and
 * test/security.test.ts.
 */
import JSZip from 'jszip';

export interface Payload {
  id: string;
  text: string;
}

const RLO = '\u202E'; // RIGHT-TO-LEFT OVERRIDE
const PDF = '\u202C'; // POP DIRECTIONAL FORMATTING

export const PAYLOADS: Payload[] = [
  { id: 'script', text: `<script>__pwned('script')</script>` },
  { id: 'img-onerror', text: `<img src=x onerror="__pwned('img-onerror')">` },
  { id: 'svg-onload', text: `<svg onload="__pwned('svg-onload')"><circle r="4"/></svg>` },
  { id: 'svg-script', text: `<svg><script>__pwned('svg-script')</script></svg>` },
  { id: 'js-link', text: `<a href="javascript:__pwned('js-link')">read more</a>` },
  { id: 'entity-js-link', text: `<a href="&#106;avascript:alert('entity-js-link')">x</a>` },
  { id: 'iframe-srcdoc', text: `<iframe srcdoc="<script>parent.__pwned('iframe-srcdoc')</script>"></iframe>` },
  { id: 'css-expression', text: `<div style="width: expression(__pwned('css-expression'))">css</div>` },
  { id: 'css-url', text: `<p style="background:url('javascript:__pwned(&quot;css-url&quot;)')">bg</p>` },
  { id: 'css-import', text: `<style>@import 'javascript:__pwned("css-import")';</style>` },
  { id: 'body-onload', text: `<body onload="__pwned('body-onload')">` },
  { id: 'details-ontoggle', text: `<details open ontoggle="__pwned('details-ontoggle')"><summary>s</summary></details>` },
  { id: 'autofocus', text: `<input autofocus onfocus="__pwned('autofocus')">` },
  { id: 'object', text: `<object data="javascript:__pwned('object')"></object>` },
  { id: 'meta-refresh', text: `<meta http-equiv="refresh" content="0;url=javascript:__pwned('meta-refresh')">` },
  { id: 'formaction', text: `<form><button formaction="javascript:__pwned('formaction')">go</button></form>` },
  { id: 'attr-break', text: `"><img src=x onerror=__pwned('attr-break')>` },
  { id: 'textarea-break', text: `</textarea><img src=x onerror=__pwned('textarea-break')>` },
  { id: 'title-break', text: `</title><script>__pwned('title-break')</script>` },
  { id: 'malformed', text: `<<img src=x onerror=__pwned('malformed')//<` },
  { id: 'unclosed', text: `<img src=x onerror=__pwned('unclosed') ` },
  { id: 'mxss', text: `<math><mtext><table><mglyph><style><img src=x onerror=__pwned('mxss')></style></mglyph></table></mtext></math>` },
  { id: 'noscript', text: `<noscript><p title="</noscript><img src=x onerror=__pwned('noscript')>">` },
  { id: 'svelte-html', text: `{@html '<img src=x onerror=__pwned("svelte-html")>'}` },
  { id: 'template', text: `{{constructor.constructor('__pwned("template")')()}} \${__pwned('template-literal')}` },
  { id: 'alert', text: `<img src=1 onerror=alert('alert')>` },
  { id: 'rtl-override', text: `Invoice ${RLO}fdp.exe${PDF} and ${RLO}<script>__pwned('rtl-override')</script>${PDF}` },
];

/** A sentence around each payload, so the segmenter gives each one a statement of its own. */
export function hostileArticle(payloads: Payload[] = PAYLOADS): string {
  return [
    `Council <b>approves</b> budget ${PAYLOADS[1]!.text}`,
    '',
    ...payloads.map((p, i) => `Claim ${i + 1} says ${p.text} and ends here.`),
  ].join('\n');
}

/** A saved web page whose article, title and metadata carry the payloads. */
export function hostileHtmlPage(payloads: Payload[] = PAYLOADS): string {
  const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html><head>
<title>Harbour budget ${escaped(payloads[1]!.text)}</title>
<meta property="og:title" content="Harbour budget ${escaped(payloads[0]!.text)}">
<meta name="author" content="${escaped(payloads[2]!.text)}">
<meta property="og:site_name" content="${escaped(payloads[16]!.text)}">
<script>__pwned('page-script')</script>
</head>
<body onload="__pwned('page-body-onload')">
<article>
<h1>Harbour budget approved</h1>
<p>The council approved the harbour budget on Tuesday after a long debate about dredging, wages and the ferry timetable.</p>
${payloads.map((p, i) => `<p>Paragraph ${i + 1} reports that ${p.text} and the debate went on for another hour.</p>`).join('\n')}
<p>As markup-as-text: ${payloads.map((p) => escaped(p.text)).join(' ')}</p>
</article>
</body></html>`;
}

/** A Word document whose paragraphs and title carry the payloads as text. */
export async function hostileDocx(payloads: Payload[] = PAYLOADS): Promise<Uint8Array> {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${xml(text)}</w:t></w:r></w:p>`;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`,
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}"><w:body>
${para('The council approved the harbour budget on Tuesday after a long debate about dredging and wages.')}
${payloads.map((p, i) => para(`Paragraph ${i + 1} reports that ${p.text} and the debate went on.`)).join('\n')}
</w:body></w:document>`,
  );
  zip.file(
    'docProps/core.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>${xml(`Budget ${payloads[0]!.text}`)}</dc:title>
<dc:creator>${xml(payloads[1]!.text)}</dc:creator>
</cp:coreProperties>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Checks a parsed HTML document (a report) for anything that could run: returns one line per
 * problem, empty when the document is inert.
 */
export function activeContent(doc: Document): string[] {
  const problems: string[] = [];
  for (const el of doc.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'base', 'form', 'svg', 'math', 'img', 'link'].includes(tag)) {
      problems.push(`<${tag}> element`);
    }
    if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh') problems.push('<meta refresh>');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) problems.push(`${tag}[${name}] event handler`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name) && !/^(https?:|#|$)/.test(value)) {
        problems.push(`${tag}[${name}=${attr.value.slice(0, 40)}]`);
      }
      if (name === 'style' && /expression\(|javascript:|url\(/.test(value)) problems.push(`${tag}[style=${attr.value.slice(0, 40)}]`);
    }
  }
  return problems;
}
