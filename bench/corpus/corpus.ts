import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One gold sentence: its exact character span in the document text. */
export interface GoldSpan {
  start: number;
  end: number;
}

export interface CorpusDocument {
  name: string;
  text: string;
  gold: GoldSpan[];
}

const corpusPath = fileURLToPath(new URL('./sentences.txt', import.meta.url));

const NEWLINE_MARK = '⏎';

/**
 * Parses the corpus format described at the top of sentences.txt. The document text is built by
 * joining the gold sentences, so every gold span is known exactly rather than re-found by search.
 */
export function parseCorpus(source: string): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  let current: { name: string; parts: string[]; gold: GoldSpan[]; length: number } | undefined;
  let pendingSeparator: string | undefined;

  const finish = () => {
    if (current && current.gold.length > 0) {
      documents.push({ name: current.name, text: current.parts.join(''), gold: current.gold });
    }
  };

  source.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    const where = `sentences.txt:${index + 1}`;
    if (line.startsWith('### ')) {
      finish();
      current = { name: line.slice(4).trim(), parts: [], gold: [], length: 0 };
      pendingSeparator = undefined;
      return;
    }
    if (!current) return; // the header
    if (line.trim() === '') {
      if (current.gold.length > 0) pendingSeparator = '\n\n';
      return;
    }

    let separator = ' ';
    let sentence = line;
    if (line.startsWith('| ')) {
      separator = '\n';
      sentence = line.slice(2);
    } else if (line.startsWith('+ ')) {
      separator = '';
      sentence = line.slice(2);
    }
    if (pendingSeparator !== undefined) {
      if (separator !== ' ') throw new Error(`${where}: a line prefix right after a blank line is ambiguous`);
      separator = pendingSeparator;
      pendingSeparator = undefined;
    }
    sentence = sentence.split(NEWLINE_MARK).join('\n');
    if (sentence !== sentence.trim()) throw new Error(`${where}: gold sentence has surrounding whitespace`);

    if (current.gold.length > 0) {
      current.parts.push(separator);
      current.length += separator.length;
    }
    current.gold.push({ start: current.length, end: current.length + sentence.length });
    current.parts.push(sentence);
    current.length += sentence.length;
  });
  finish();
  return documents;
}

export function loadCorpus(): CorpusDocument[] {
  return parseCorpus(readFileSync(corpusPath, 'utf8'));
}
