import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../bench/corpus/corpus';
import { segment } from '../segment';
import { anchorOf, reanchor, realign, type Realigned } from './index';

/** The statements of a text as the app makes them: one per sentence, ids s0, s1, … */
function statementsOf(text: string) {
  return segment(text).map((sentence, k) => ({ id: `s${k}`, start: sentence.start, end: sentence.end }));
}

/** Realigns, checks the invariants, and returns the result. */
function realignChecked(oldText: string, newText: string, oldStatements = statementsOf(oldText)): Realigned {
  const result = realign(oldText, oldStatements, newText);
  expectInvariants(oldStatements, newText, result);
  return result;
}

function expectInvariants(oldStatements: { id: string }[], newText: string, result: Realigned) {
  const kept: string[] = [];
  let previousEnd = 0;
  for (const statement of result.statements) {
    expect(statement.text).toBe(newText.slice(statement.start, statement.end));
    expect(statement.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = statement.end;
    expect(statement.from === null).toBe(statement.how === 'new');
    if (statement.from !== null) kept.push(statement.from);
  }
  expect(result.statements.map(({ start, end, text }) => ({ start, end, text }))).toEqual(segment(newText));
  // Every old statement is either kept by exactly one new sentence or orphaned, never both, never dropped.
  expect(new Set(kept).size).toBe(kept.length);
  expect([...kept, ...result.orphaned].sort()).toEqual(oldStatements.map((statement) => statement.id).sort());
}

const summary = (result: Realigned) => result.statements.map((statement) => [statement.from, statement.how]);

const article = [
  'Council approves budget',
  '',
  'The city council approved the budget on Tuesday by a vote of 7 to 2. The mayor said he would sign it on Friday.',
  '',
  'The budget raises spending on parks by 12 percent. Police funding stays flat.',
  '',
  'Council member Ana Ruiz voted against it. She said the parks increase was too small.',
].join('\n');

describe('anchorOf', () => {
  it('keeps the exact text and up to 32 characters of context on each side', () => {
    const start = article.indexOf('The mayor');
    const end = article.indexOf('Friday.') + 'Friday.'.length;
    const anchor = anchorOf(article, start, end);
    expect(anchor).toEqual({
      exact: 'The mayor said he would sign it on Friday.',
      prefix: article.slice(start - 32, start),
      suffix: article.slice(end, end + 32),
      start,
      end,
    });
    expect(anchor.prefix).toHaveLength(32);
    expect(anchorOf(article, 0, 7)).toMatchObject({ exact: 'Council', prefix: '', suffix: article.slice(7, 39) });
    expect(anchorOf('Short.', 0, 6)).toMatchObject({ prefix: '', suffix: '' });
  });

  it('rejects a span outside the text', () => {
    expect(() => anchorOf('abc', 2, 1)).toThrow(RangeError);
    expect(() => anchorOf('abc', 0, 4)).toThrow(RangeError);
    expect(() => anchorOf('abc', -1, 2)).toThrow(RangeError);
  });
});

describe('reanchor', () => {
  const start = article.indexOf('Police funding');
  const anchor = anchorOf(article, start, start + 'Police funding stays flat.'.length);

  it('finds an unchanged passage where it was', () => {
    expect(reanchor(article, anchor)).toEqual({ start, end: anchor.end, text: 'Police funding stays flat.', how: 'unchanged' });
  });

  it('finds a moved passage at its new offset', () => {
    const newText = 'UPDATED\n\n' + article;
    expect(reanchor(newText, anchor)).toEqual({
      start: start + 9,
      end: anchor.end + 9,
      text: 'Police funding stays flat.',
      how: 'moved',
    });
  });

  it('finds an edited sentence and returns its whole new span', () => {
    const newText = article.replace('Police funding stays flat.', 'Police funding stays level.');
    const placed = reanchor(newText, anchor);
    expect(placed).toEqual({ start, end: start + 'Police funding stays level.'.length, text: 'Police funding stays level.', how: 'edited' });
  });

  it('returns null when the passage is gone', () => {
    expect(reanchor(article.replace(' Police funding stays flat.', ''), anchor)).toBeNull();
    expect(reanchor(article.replace('Police funding stays flat.', 'Fire crews will get new trucks.'), anchor)).toBeNull();
    expect(reanchor('', anchor)).toBeNull();
  });

  it('uses prefix and suffix, not just distance, to tell identical passages apart', () => {
    const oldText = 'The mayor spoke first. "No comment." The police chief spoke next. "No comment." Then the meeting ended.';
    const second = oldText.lastIndexOf('"No comment."');
    const anchor = anchorOf(oldText, second, second + '"No comment."'.length);
    // Text inserted before the passage: now the first copy sits nearer the old offset than the right one.
    const newText =
      'A long new introduction was added at the top of the story by the editor. ' + oldText;
    const expected = newText.lastIndexOf('"No comment."');
    expect(Math.abs(newText.indexOf('"No comment."') - second)).toBeLessThan(Math.abs(expected - second));
    expect(reanchor(newText, anchor)).toMatchObject({ start: expected, how: 'moved' });
    // And the first copy is found by its own context.
    const first = oldText.indexOf('"No comment."');
    expect(reanchor(newText, anchorOf(oldText, first, first + 13))).toMatchObject({ start: newText.indexOf('"No comment."') });
  });

  it('prefers the copy closest to the old offset when contexts are equally good', () => {
    const anchor = { exact: 'Yes.', prefix: 'zzz ', suffix: ' zzz', start: 20, end: 24 };
    const newText = 'Yes. Yes. Yes. Yes. Yes. Yes. Yes. Yes.';
    expect(reanchor(newText, anchor)).toMatchObject({ start: 20, how: 'unchanged' });
  });
});

describe('realign', () => {
  it('unchanged text: every statement unchanged, with its id', () => {
    const result = realignChecked(article, article);
    expect(result.orphaned).toEqual([]);
    expect(summary(result)).toEqual(statementsOf(article).map((statement) => [statement.id, 'unchanged']));
  });

  it('a sentence inserted before: the others are moved, with the new offsets', () => {
    const inserted = 'Breaking news from City Hall.\n\n';
    const newText = inserted + article;
    const result = realignChecked(article, newText);
    expect(result.orphaned).toEqual([]);
    expect(result.statements[0]).toEqual({ start: 0, end: 29, text: 'Breaking news from City Hall.', from: null, how: 'new' });
    expect(result.statements.slice(1)).toEqual(
      statementsOf(article).map((statement) => ({
        start: statement.start + inserted.length,
        end: statement.end + inserted.length,
        text: article.slice(statement.start, statement.end),
        from: statement.id,
        how: 'moved',
      })),
    );
  });

  it('a sentence inserted in the middle: earlier ones unchanged, later ones moved', () => {
    const newText = article.replace('Police funding', 'Libraries get 3 percent more. Police funding');
    expect(summary(realignChecked(article, newText))).toEqual([
      ['s0', 'unchanged'],
      ['s1', 'unchanged'],
      ['s2', 'unchanged'],
      ['s3', 'unchanged'],
      [null, 'new'],
      ['s4', 'moved'],
      ['s5', 'moved'],
      ['s6', 'moved'],
    ]);
  });

  it('one word changed: the sentence is edited and keeps its id', () => {
    const newText = article.replace('on Friday', 'on Thursday');
    const result = realignChecked(article, newText);
    expect(result.orphaned).toEqual([]);
    expect(summary(result)).toEqual([
      ['s0', 'unchanged'],
      ['s1', 'unchanged'],
      ['s2', 'edited'],
      ['s3', 'moved'],
      ['s4', 'moved'],
      ['s5', 'moved'],
      ['s6', 'moved'],
    ]);
    expect(result.statements[2]!.text).toBe('The mayor said he would sign it on Thursday.');
  });

  it('a word changed to one of the same length leaves the following sentences unchanged', () => {
    const newText = article.replace('7 to 2', '6 to 3');
    expect(summary(realignChecked(article, newText))).toEqual([
      ['s0', 'unchanged'],
      ['s1', 'edited'],
      ['s2', 'unchanged'],
      ['s3', 'unchanged'],
      ['s4', 'unchanged'],
      ['s5', 'unchanged'],
      ['s6', 'unchanged'],
    ]);
  });

  it('a sentence deleted: its id is orphaned, not dropped', () => {
    const newText = article.replace(' Police funding stays flat.', '');
    const result = realignChecked(article, newText);
    expect(result.orphaned).toEqual(['s4']);
    expect(summary(result)).toEqual([
      ['s0', 'unchanged'],
      ['s1', 'unchanged'],
      ['s2', 'unchanged'],
      ['s3', 'unchanged'],
      ['s5', 'moved'],
      ['s6', 'moved'],
    ]);
  });

  it('a sentence rewritten beyond recognition is orphaned and the new one is new', () => {
    const newText = article.replace('Police funding stays flat.', 'Fire crews will get two new trucks.');
    const result = realignChecked(article, newText);
    expect(result.orphaned).toEqual(['s4']);
    expect(result.statements[4]).toMatchObject({ text: 'Fire crews will get two new trucks.', from: null, how: 'new' });
  });

  it('all text deleted: every statement orphaned', () => {
    const result = realignChecked(article, '');
    expect(result).toEqual({ statements: [], orphaned: ['s0', 's1', 's2', 's3', 's4', 's5', 's6'] });
  });

  it('repeated identical sentences: each keeps its own id, told apart by its neighbours', () => {
    const oldText = 'The mayor spoke first. "No comment." The police chief spoke next. "No comment." Then the meeting ended.';
    // The first "No comment." is deleted: the remaining one is the police chief's (s3), not the mayor's (s1).
    const newText = 'The mayor spoke first. The police chief spoke next. "No comment." Then the meeting ended.';
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual(['s1']);
    expect(summary(result)).toEqual([
      ['s0', 'unchanged'],
      ['s2', 'moved'],
      ['s3', 'moved'],
      ['s4', 'moved'],
    ]);
    // The second one deleted instead.
    const other = 'The mayor spoke first. "No comment." The police chief spoke next. Then the meeting ended.';
    expect(realignChecked(oldText, other).orphaned).toEqual(['s3']);
  });

  it('repeated identical sentences that moved out of order are told apart by prefix and suffix', () => {
    const oldText = [
      'Mayor Lee was asked about the audit. "We will not comment."',
      'Chief Diaz was asked about the arrests. "We will not comment."',
      'The meeting ended at nine.',
    ].join('\n\n');
    // The two paragraphs swap places.
    const newText = [
      'Chief Diaz was asked about the arrests. "We will not comment."',
      'Mayor Lee was asked about the audit. "We will not comment."',
      'The meeting ended at nine.',
    ].join('\n\n');
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual([]);
    expect(result.statements.map((statement) => statement.from)).toEqual(['s2', 's3', 's0', 's1', 's4']);
  });

  it('a paragraph moved: every statement keeps its id, in the new order', () => {
    const paragraphs = article.split('\n\n');
    const newText = [paragraphs[0], paragraphs[1], paragraphs[3], paragraphs[2]].join('\n\n');
    const result = realignChecked(article, newText);
    expect(result.orphaned).toEqual([]);
    expect(result.statements.map((statement) => statement.from)).toEqual(['s0', 's1', 's2', 's5', 's6', 's3', 's4']);
    expect(result.statements.every((statement) => statement.how === 'unchanged' || statement.how === 'moved')).toBe(true);
  });

  it('a paragraph moved and one of its sentences edited: still found, as edited', () => {
    const paragraphs = article.split('\n\n');
    const edited = paragraphs[2]!.replace('12 percent', '15 percent');
    const newText = [paragraphs[0], paragraphs[1], paragraphs[3], edited].join('\n\n');
    const result = realignChecked(article, newText);
    expect(result.orphaned).toEqual([]);
    expect(summary(result)).toEqual([
      ['s0', 'unchanged'],
      ['s1', 'unchanged'],
      ['s2', 'unchanged'],
      ['s5', 'moved'],
      ['s6', 'moved'],
      ['s3', 'edited'],
      ['s4', 'moved'],
    ]);
  });

  it('several neighbouring sentences edited: they map in order', () => {
    const oldText = 'Sales rose 5 percent in May. Sales rose 6 percent in June. Sales rose 7 percent in July.';
    const newText = 'Sales rose 4 percent in May. Sales rose 5 percent in June. Sales rose 6 percent in July.';
    const result = realignChecked(oldText, newText);
    expect(summary(result)).toEqual([
      ['s0', 'edited'],
      ['s1', 'edited'],
      ['s2', 'edited'],
    ]);
  });

  it('edits, deletions and insertions in one stretch: matches stay in order', () => {
    const oldText = 'Intro here. The vote was 7 to 2. The mayor will sign it Friday. It takes effect in July. End.';
    const newText = 'Intro here. The vote was 6 to 3. A new sentence about parks. The mayor will sign it Thursday. End.';
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual(['s3']);
    expect(summary(result)).toEqual([
      ['s0', 'unchanged'],
      ['s1', 'edited'],
      [null, 'new'],
      ['s2', 'edited'],
      ['s4', 'moved'],
    ]);
  });

  // Decision: a split into two substantial halves orphans the statement (the verdict judged the
  // whole claim; neither half is that claim). Both halves are new sentences.
  it('a sentence split in two halves: the statement is orphaned, both halves are new', () => {
    const oldText =
      'Council approves budget\n\nThe council approved the budget on Tuesday, and the mayor said he would sign it on Friday. It passed 7-2.';
    const newText =
      'Council approves budget\n\nThe council approved the budget on Tuesday. The mayor said he would sign it on Friday. It passed 7-2.';
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual(['s1']);
    expect(summary(result)).toEqual([
      ['s0', 'unchanged'],
      [null, 'new'],
      [null, 'new'],
      ['s2', 'moved'],
    ]);
  });

  it('a short clause split off: the larger part is still ≥ 75% the same and keeps the id as edited', () => {
    const oldText =
      'The council approved the $8.7 million budget on Tuesday night after a long and heated debate, the clerk said. It passed.';
    const newText =
      'The council approved the $8.7 million budget on Tuesday night after a long and heated debate. The clerk said so. It passed.';
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual([]);
    expect(summary(result)).toEqual([
      ['s0', 'edited'],
      [null, 'new'],
      ['s1', 'moved'],
    ]);
  });

  // Decision: likewise, two sentences merged into one orphan both statements; the merged
  // sentence makes both claims at once and is new.
  it('two sentences merged: both statements are orphaned, the merged sentence is new', () => {
    const oldText = 'Council approves budget\n\nThe council approved the budget on Tuesday. The mayor will sign it. It passed 7-2.';
    const newText = 'Council approves budget\n\nThe council approved the budget on Tuesday, and the mayor will sign it. It passed 7-2.';
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual(['s1', 's2']);
    expect(summary(result)).toEqual([
      ['s0', 'unchanged'],
      [null, 'new'],
      ['s3', 'moved'],
    ]);
  });

  it('a short sentence merged into a long one: the long one keeps its id as edited', () => {
    const oldText = 'The council approved the $8.7 million budget on Tuesday night after a long and heated debate. It was late. End.';
    const newText = 'The council approved the $8.7 million budget on Tuesday night after a long and heated debate, and it was late. End.';
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual(['s1']);
    expect(summary(result)).toEqual([
      ['s0', 'edited'],
      ['s2', 'moved'],
    ]);
  });

  it('Hebrew text: unchanged, inserted before, one word changed, deleted', () => {
    const oldText = 'מועצת העיר אישרה את התקציב. ראש העיר אמר שיחתום עליו ביום שישי. ההצבעה הסתיימה 7 מול 2. המשטרה לא הגיבה.';
    expect(summary(realignChecked(oldText, oldText))).toEqual([
      ['s0', 'unchanged'],
      ['s1', 'unchanged'],
      ['s2', 'unchanged'],
      ['s3', 'unchanged'],
    ]);
    const newText = 'עדכון אחרון. ' + oldText.replace('ביום שישי', 'ביום חמישי').replace(' המשטרה לא הגיבה.', '');
    const result = realignChecked(oldText, newText);
    expect(result.orphaned).toEqual(['s3']);
    expect(summary(result)).toEqual([
      [null, 'new'],
      ['s0', 'moved'],
      ['s1', 'edited'],
      ['s2', 'moved'],
    ]);
    expect(result.statements[2]!.text).toBe('ראש העיר אמר שיחתום עליו ביום חמישי.');
  });

  it('accepts statements in any order and reports orphans in the order given', () => {
    const statements = statementsOf(article).reverse();
    const newText = article.replace(' Police funding stays flat.', '').replace('Council member Ana Ruiz voted against it. ', '');
    const result = realignChecked(article, newText, statements);
    expect(result.orphaned).toEqual(['s5', 's4']);
  });

  it('statements that are not whole sentences are matched like any other passage', () => {
    // Only two statements were made, the second covering two sentences.
    const start = article.indexOf('The budget raises');
    const end = article.indexOf('flat.') + 5;
    const statements = [
      { id: 'headline', start: 0, end: 23 },
      { id: 'parks', start, end },
    ];
    const result = realignChecked(article, article, statements);
    expect(result.orphaned).toEqual(['parks']);
    expect(result.statements[0]).toMatchObject({ from: 'headline', how: 'unchanged' });
  });

  it('rejects duplicate ids and spans outside the old text', () => {
    expect(() => realign(article, [{ id: 'a', start: 0, end: 5 }, { id: 'a', start: 6, end: 9 }], article)).toThrow(/Duplicate/);
    expect(() => realign(article, [{ id: 'a', start: 0, end: article.length + 1 }], article)).toThrow(RangeError);
  });

  it('random edits keep the invariants', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const words = ['council', 'budget', 'mayor', 'vote', 'parks', 'police', 'said', 'the', 'on', 'Tuesday', '7', 'percent'];
    const sentence = () => {
      const length = 3 + Math.floor(random() * 10);
      const body = Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
      return body[0]!.toUpperCase() + body.slice(1) + '.';
    };
    for (let round = 0; round < 40; round++) {
      const sentences = Array.from({ length: 5 + Math.floor(random() * 15) }, sentence);
      const oldText = sentences.join(random() < 0.5 ? ' ' : '\n\n');
      const edited = [...sentences];
      for (let edit = 0; edit < 4; edit++) {
        const at = Math.floor(random() * edited.length);
        const kind = random();
        if (kind < 0.25) edited.splice(at, 1);
        else if (kind < 0.5) edited.splice(at, 0, sentence());
        else if (kind < 0.75) edited[at] = (edited[at] ?? sentence()).replace(/\b\w+\b/, 'Somebody');
        else edited.push(...edited.splice(at, 2));
      }
      expectInvariants(statementsOf(oldText), edited.join(' '), realign(oldText, statementsOf(oldText), edited.join(' ')));
    }
  });

  it('an article of 300 sentences realigns quickly', () => {
    const paragraphs: string[] = [];
    for (let p = 0; p < 60; p++) {
      const sentences: string[] = [];
      for (let s = 0; s < 5; s++) {
        const n = p * 5 + s;
        sentences.push(`In district ${n}, the council spent ${n * 13} thousand dollars on item number ${n * 7} last year.`);
      }
      paragraphs.push(sentences.join(' '));
    }
    const oldText = paragraphs.join('\n\n');
    const statements = statementsOf(oldText);
    expect(statements).toHaveLength(300);
    // Edit every tenth sentence, delete a paragraph, move another, insert a few sentences.
    const newParagraphs = paragraphs.map((paragraph) => paragraph.replace(/last year\./, 'this year.'));
    newParagraphs.splice(10, 1);
    newParagraphs.push(...newParagraphs.splice(20, 1));
    newParagraphs.splice(30, 0, 'A new paragraph was added. It has two sentences.');
    const newText = newParagraphs.join('\n\n');

    let started = performance.now();
    const light = realign(oldText, statements, newText);
    const lightTime = performance.now() - started;
    expectInvariants(statements, newText, light);
    expect(light.orphaned).toHaveLength(5);

    // Worst case: every sentence rewritten a little, so every one goes through fuzzy matching.
    const rewritten = oldText.replace(/the council spent/g, 'officials spent');
    started = performance.now();
    const heavy = realign(oldText, statements, rewritten);
    const heavyTime = performance.now() - started;
    expectInvariants(statements, rewritten, heavy);
    expect(heavy.orphaned).toEqual([]);
    expect(heavy.statements.every((statement, k) => statement.from === `s${k}` && statement.how === 'edited')).toBe(true);

    console.log(
      `realign, 300 sentences: ${lightTime.toFixed(1)} ms (mixed edits), ${heavyTime.toFixed(1)} ms (every sentence edited)`,
    );
  });

  it('the whole sentence corpus, one word changed in every sentence, then its paragraphs reversed', () => {
    const oldText = loadCorpus()
      .map((document) => document.text)
      .join('\n\n');
    const statements = statementsOf(oldText);
    let newText = '';
    let last = 0;
    for (const sentence of segment(oldText)) {
      newText += oldText.slice(last, sentence.start) + sentence.text.replace(/(\S+\s+)(\S+)/u, '$1changed');
      last = sentence.end;
    }
    newText += oldText.slice(last);

    let started = performance.now();
    const edited = realign(oldText, statements, newText);
    const editedTime = performance.now() - started;
    expectInvariants(statements, newText, edited);
    // Most keep their id; very short sentences fall below 75% and are orphaned.
    expect(edited.orphaned.length).toBeLessThan(statements.length / 10);

    const reversed = newText.split('\n\n').reverse().join('\n\n');
    started = performance.now();
    const moved = realign(oldText, statements, reversed);
    const movedTime = performance.now() - started;
    expectInvariants(statements, reversed, moved);
    expect(moved.orphaned.length).toBeLessThan(statements.length / 10);

    console.log(
      `realign, corpus of ${statements.length} sentences: ${editedTime.toFixed(1)} ms (every sentence edited), ` +
        `${movedTime.toFixed(1)} ms (and every paragraph moved)`,
    );
  });
});
