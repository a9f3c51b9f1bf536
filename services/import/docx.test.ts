import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { coreXml, heading, listItem, makeDocx, para, zipOf } from './fixtures/make-docx';
import { segment } from '../segment';
import { importArticleBytes } from './index';
import { MAX_UNPACKED_BYTES } from './docx';

describe('.docx files', () => {
  it('makes the headline and the standfirst (Title and Subtitle, or headings) the first statements', async () => {
    for (const [headline, standfirst] of [
      [para('Harbour budget passes after three-hour debate', 'Title'), para('Councillors back €12.4 million plan for the port', 'Subtitle')],
      [heading('Harbour budget passes after three-hour debate', 1), heading('Councillors back €12.4 million plan for the port', 2)],
    ]) {
      const bytes = await makeDocx({
        body: headline! + standfirst! + para('The council approved the budget on Tuesday. Work starts in June.'),
        core: coreXml({ title: 'harbour-final-v3' }),
      });
      const draft = await importArticleBytes('harbour.docx', bytes);
      expect(segment(draft.text).map((s) => s.text)).toEqual([
        'Harbour budget passes after three-hour debate',
        'Councillors back €12.4 million plan for the port',
        'The council approved the budget on Tuesday.',
        'Work starts in June.',
      ]);
    }
  });

  it('keeps paragraphs, line breaks, headings and lists, and reads title, author and date from core.xml', async () => {
    const bytes = await makeDocx({
      body:
        para('The council approved €12.4 million on Tuesday.\nCouncillors voted 9 to 4.') +
        heading('What the money buys', 2) +
        listItem('Dredging of the inner basin') +
        listItem('A new ferry terminal') +
        para('Work begins in June.') +
        listItem('First', 2) +
        listItem('Second', 2),
      core: coreXml({ title: 'Council approves harbour budget', creator: 'Marta Quist', created: '2024-03-05T22:15:00Z' }),
    });
    expect(await importArticleBytes('harbour.docx', bytes)).toEqual({
      text:
        'The council approved €12.4 million on Tuesday.\nCouncillors voted 9 to 4.\n\n' +
        'What the money buys\n\n' +
        'Dredging of the inner basin\nA new ferry terminal\n\n' +
        'Work begins in June.\n\n' +
        'First\nSecond',
      title: 'Council approves harbour budget',
      author: 'Marta Quist',
      outlet: '',
      url: '',
      publishedAt: '2024-03-05',
      fileName: 'harbour.docx',
    });
  });

  it('takes the title from a leading Title-style paragraph when core.xml has none', async () => {
    const bytes = await makeDocx({ body: para('Harbour budget approved', 'Title') + para('The council voted on Tuesday.') });
    const draft = await importArticleBytes('untitled.docx', bytes);
    expect(draft.title).toBe('Harbour budget approved');
    expect(draft.text).toBe('Harbour budget approved\n\nThe council voted on Tuesday.');
    expect([draft.author, draft.publishedAt]).toEqual(['', '']);
  });

  it('passes right-to-left and CJK text through unchanged', async () => {
    const lines = ['ראש העיר אמר כי התקציב גדל ב־12 אחוזים.', 'قال رئيس البلدية إن الميزانية ارتفعت بنسبة ١٢٪.', '市長は、予算が１２％増加したと述べた。'];
    const bytes = await makeDocx({ body: lines.map((l) => para(l)).join(''), core: coreXml({ title: 'תקציב', creator: '山田太郎' }) });
    const draft = await importArticleBytes('rtl.docx', bytes);
    expect(draft.text).toBe(lines.join('\n\n'));
    expect([draft.title, draft.author]).toEqual(['תקציב', '山田太郎']);
  });

  it('ignores damaged core properties but still imports the text', async () => {
    const bytes = await makeDocx({ body: para('The council voted on Tuesday.'), core: '<cp:coreProperties><dc:title>unclosed' });
    expect(await importArticleBytes('props.docx', bytes)).toMatchObject({ text: 'The council voted on Tuesday.', title: '', author: '' });
  });

  it('never puts markup from the document into the text', async () => {
    const bytes = await makeDocx({ body: para('<script>alert(1)</script> & <b>not bold</b>') });
    expect((await importArticleBytes('markup.docx', bytes)).text).toBe('<script>alert(1)</script> & <b>not bold</b>');
  });

  it('refuses a document with no text', async () => {
    const bytes = await makeDocx({ body: para('') + para('   '), core: coreXml({ title: 'Empty' }) });
    await expect(importArticleBytes('empty.docx', bytes)).rejects.toThrow('empty.docx is empty: there is no text to check.');
  });

  it('refuses a file that is not a zip', async () => {
    await expect(importArticleBytes('notes.docx', new TextEncoder().encode('just some text'))).rejects.toThrow(
      'notes.docx is not a Word document (.docx) Factdesk can read: the file is damaged, or is another kind of file renamed .docx.',
    );
  });

  it('refuses a truncated .docx', async () => {
    const bytes = await makeDocx({ body: para('The council voted on Tuesday.') });
    await expect(importArticleBytes('cut.docx', bytes.subarray(0, Math.floor(bytes.length / 2)))).rejects.toThrow(
      'cut.docx is not a Word document (.docx) Factdesk can read: the file is damaged, or is another kind of file renamed .docx.',
    );
  });

  it('refuses a zip without a Word document in it', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await expect(importArticleBytes('archive.docx', bytes)).rejects.toThrow(
      'archive.docx is not a Word document: it is a zip file without a document in it (word/document.xml is missing).',
    );
  });

  it('refuses a document whose XML is broken', async () => {
    const zip = await JSZip.loadAsync(await makeDocx({ body: para('x') }));
    zip.file('word/document.xml', '<w:document><w:body><w:p>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    await expect(importArticleBytes('broken.docx', bytes)).rejects.toThrow(
      'broken.docx is not a Word document (.docx) Factdesk can read: the file is damaged, or is another kind of file renamed .docx.',
    );
  });

  it('stops unpacking a document whose directory lies about its size, at the limit', async () => {
    // What issue 11's red team sent: the directory says a few bytes, the data inflates far past the limit.
    const document = new TextEncoder().encode('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
    const bytes = zipOf([
      { name: 'word/document.xml', data: document, size: document.byteLength, method: 0 },
      { name: 'word/media/filler.bin', data: deflateRawSync(new Uint8Array(MAX_UNPACKED_BYTES + 1024 * 1024), { level: 9 }), size: 1000, method: 8 },
    ]);
    expect(bytes.byteLength).toBeLessThan(MAX_UNPACKED_BYTES / 500);
    const before = process.memoryUsage().arrayBuffers;
    await expect(importArticleBytes('lying.docx', bytes)).rejects.toThrow('lying.docx is too large once unpacked; Factdesk cannot open it as one article.');
    // The inflated bytes were counted and dropped, not kept.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(MAX_UNPACKED_BYTES / 2);
  });

  it('refuses a document that would unpack to more than the limit, before unpacking it', async () => {
    const bytes = await makeDocx({ body: para('The council voted on Tuesday.') });
    claimUnpackedSize(bytes, 'word/document.xml', 0x7fff_ffff); // what a zip bomb's directory says
    await expect(importArticleBytes('bomb.docx', bytes)).rejects.toThrow('bomb.docx is too large once unpacked; Factdesk cannot open it as one article.');
  });

  it('names an old Word 97–2003 file for what it is', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(importArticleBytes('old.docx', ole)).rejects.toThrow(
      'old.docx is an old Word document (.doc, Word 97–2003). Open it in Word and save it as .docx, then try again.',
    );
  });
});


/** Rewrites the unpacked size that the zip's central directory gives for one entry. */
function claimUnpackedSize(zip: Uint8Array, entry: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = new TextEncoder().encode(entry);
  for (let at = 0; at + 46 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue; // central directory file header
    const nameLength = view.getUint16(at + 28, true);
    const found = zip.subarray(at + 46, at + 46 + nameLength);
    if (found.length === name.length && found.every((b, i) => b === name[i])) {
      view.setUint32(at + 24, size, true);
      return;
    }
  }
  throw new Error(`${entry} is not in the zip`);
}
