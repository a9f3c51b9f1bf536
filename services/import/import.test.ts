import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreXml, makeDocx, para } from './fixtures/make-docx';
import { ARTICLE_EXTENSIONS, htmlToText, importArticleBytes, importArticleFile } from './index';

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importArticleFile', () => {
  it('opens every supported format from disk', async () => {
    await writeFile(file('plain.txt'), 'Line one.\r\nLine two.   \r\n\r\n\r\n\r\nNext paragraph.\n');
    await writeFile(file('notes.md'), '# The headline\n\nSome **bold** and a [link](https://x.example).\n');
    await writeFile(file('page.htm'), await readFile(path.join(import.meta.dirname, 'fixtures', 'article.html')));
    await writeFile(file('doc.docx'), await makeDocx({ body: para('The council voted on Tuesday.'), core: coreXml({ creator: 'Ana Lima' }) }));

    expect(await importArticleFile(file('plain.txt'))).toEqual({
      text: 'Line one.\nLine two.\n\nNext paragraph.',
      title: '',
      author: '',
      outlet: '',
      url: '',
      publishedAt: '',
      fileName: 'plain.txt',
    });
    expect(await importArticleFile(file('notes.md'))).toMatchObject({ text: 'The headline\n\nSome bold and a link.', title: 'The headline' });
    expect(await importArticleFile(file('page.htm'))).toMatchObject({ title: 'Council approves harbour budget', outlet: 'The Coastal Courier', fileName: 'page.htm' });
    expect(await importArticleFile(file('doc.docx'))).toMatchObject({ text: 'The council voted on Tuesday.', author: 'Ana Lima', fileName: 'doc.docx' });
  });

  it('offers htmlToText for a future rich-text paste', async () => {
    expect(await htmlToText('<p>One<br>two</p><script>x()</script><p onclick="y()">three</p>')).toBe('One\ntwo\n\nthree');
  });

  it('lists the extensions the open dialog offers', () => {
    expect(ARTICLE_EXTENSIONS).toEqual(['txt', 'md', 'markdown', 'html', 'htm', 'docx']);
  });

  it('refuses a 50 MB file from its size alone', async () => {
    await writeFile(file('big.txt'), '');
    await truncate(file('big.txt'), 50 * 1024 * 1024); // sparse: takes no disk space, and is never read
    await expect(importArticleFile(file('big.txt'))).rejects.toThrow('big.txt is too large (50.0 MB); Factdesk opens articles up to 10 MB.');
  });

  it('refuses an empty file', async () => {
    await writeFile(file('empty.md'), '');
    await expect(importArticleFile(file('empty.md'))).rejects.toThrow('empty.md is empty: there is no text to check.');
  });

  it('refuses a missing file and a folder', async () => {
    await expect(importArticleFile(file('gone.txt'))).rejects.toThrow('Could not open gone.txt: the file does not exist.');
    await mkdir(file('folder.txt'));
    await expect(importArticleFile(file('folder.txt'))).rejects.toThrow('Could not open folder.txt: it is a folder, not a file.');
  });
});

describe('importArticleBytes: bad input', () => {
  it('refuses a file with only whitespace', async () => {
    await expect(importArticleBytes('blank.txt', new TextEncoder().encode(' \n\t\r\n '))).rejects.toThrow('blank.txt is empty: there is no text to check.');
  });

  it('refuses a PNG renamed .txt', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8]);
    await expect(importArticleBytes('photo.txt', png)).rejects.toThrow(
      'photo.txt is not UTF-8 text: it may be a binary file, or saved in another encoding. Save it as UTF-8 and try again.',
    );
  });

  it('refuses binary data that happens to be valid UTF-8', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i % 7 === 0 ? 0 : 0x41));
    await expect(importArticleBytes('data.txt', bytes)).rejects.toThrow('data.txt looks like a binary file, not text.');
  });

  it('refuses invalid UTF-8, even a single byte of it', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('The caf'), 0xe9, ...new TextEncoder().encode(' was closed.')]);
    await expect(importArticleBytes('latin1.md', bytes)).rejects.toThrow(
      'latin1.md is not UTF-8 text: it may be a binary file, or saved in another encoding. Save it as UTF-8 and try again.',
    );
  });

  it('refuses a format it cannot read', async () => {
    await expect(importArticleBytes('report.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46]))).rejects.toThrow(
      'report.pdf is not a file Factdesk can open as an article. Use a .txt, .md, .html or .docx file, or paste the text.',
    );
  });

  it('refuses bytes over the limit before looking at them', async () => {
    await expect(importArticleBytes('huge.docx', new Uint8Array(11 * 1024 * 1024))).rejects.toThrow(
      'huge.docx is too large (11.0 MB); Factdesk opens articles up to 10 MB.',
    );
  });

  it('refuses text longer than one article may be', async () => {
    await expect(importArticleBytes('long.txt', new TextEncoder().encode('a'.repeat(2_000_001)))).rejects.toThrow(
      'long.txt is too long for one article (2,000,001 characters; the limit is 2,000,000).',
    );
  });
});

describe('text as written', () => {
  it('keeps Hebrew, Arabic and CJK text, with its direction marks, byte for byte', async () => {
    const text = 'ראש העיר אמר: \u200f"התקציב גדל".\n\nقال رئيس البلدية إن الميزانية ارتفعت.\n\n市長は予算が増えたと述べた。\n\n시장은 예산이 늘었다고 말했다.';
    expect((await importArticleBytes('mixed.txt', new TextEncoder().encode(text))).text).toBe(text);
  });

  it('reads UTF-16 with a byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('שלום, 世界', 'utf16le')]);
    expect((await importArticleBytes('utf16.txt', bytes)).text).toBe('שלום, 世界');
  });
});
