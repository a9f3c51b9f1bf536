import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../bench/corpus/corpus';
import { segment, type Sentence } from './index';

const texts = (source: string) => segment(source).map((sentence) => sentence.text);

type Case = [description: string, source: string, expected: string[]];

/** Checks each case's exact sentences, and that the sentences keep the invariants. */
function runCases(cases: Case[]) {
  it.each(cases)('%s', (_description, source, expected) => {
    const sentences = segment(source);
    expect(sentences.map((sentence) => sentence.text)).toEqual(expected);
    expectInvariants(source, sentences);
  });
}

function expectInvariants(source: string, sentences: Sentence[]) {
  let previousEnd = 0;
  for (const sentence of sentences) {
    expect(sentence.text).toBe(source.slice(sentence.start, sentence.end));
    expect(sentence.start).toBeGreaterThanOrEqual(previousEnd);
    expect(sentence.end).toBeGreaterThan(sentence.start);
    expect(sentence.text).toBe(sentence.text.trim());
    // Whatever lies between two sentences is whitespace, so every other character is covered once.
    expect(source.slice(previousEnd, sentence.start).trim()).toBe('');
    previousEnd = sentence.end;
  }
  expect(source.slice(previousEnd).trim()).toBe('');
}

describe('lines and paragraphs', () => {
  runCases([
    ['empty text', '', []],
    ['whitespace only', ' \n\n\t ', []],
    ['text without punctuation', 'breaking news', ['breaking news']],
    [
      'a blank line always ends a sentence, even without punctuation or before lowercase',
      'Headline\n\nfirst paragraph has no full stop\n\nsecond one neither',
      ['Headline', 'first paragraph has no full stop', 'second one neither'],
    ],
    [
      'a blank line ends a sentence after an abbreviation',
      'He moved to the U.S.\n\nNetflix said nothing.',
      ['He moved to the U.S.', 'Netflix said nothing.'],
    ],
    [
      'the first line is the headline even when the next line starts lowercase',
      'Council approves budget\nand the mayor says he will sign it.',
      ['Council approves budget', 'and the mayor says he will sign it.'],
    ],
    [
      'headline, subhead, byline and dateline lines are statements of their own',
      'Fire destroys warehouse\nNo one was hurt in the blaze\nBy Jane Lee\nDAYTON, Ohio\nA fire destroyed a warehouse on Sunday.',
      ['Fire destroys warehouse', 'No one was hurt in the blaze', 'By Jane Lee', 'DAYTON, Ohio', 'A fire destroyed a warehouse on Sunday.'],
    ],
    [
      'a hard wrap before a lowercase word is not a boundary',
      'Headline\n\nThe council voted on Tuesday to approve the budget after a long\ndebate that ran past midnight. It passed.',
      ['Headline', 'The council voted on Tuesday to approve the budget after a long\ndebate that ran past midnight.', 'It passed.'],
    ],
    [
      'a hard wrap after a function word is not a boundary even before a capital',
      'Headline\n\nThe contract was awarded to\nDelmar Construction Co., which bid lowest.',
      ['Headline', 'The contract was awarded to\nDelmar Construction Co., which bid lowest.'],
    ],
    [
      'a hard wrap after a long line is not a boundary even before a capital',
      'Headline\n\nAuditor Lena Marsh recommended on Thursday that the Public\nWorks Department hire more workers.',
      ['Headline', 'Auditor Lena Marsh recommended on Thursday that the Public\nWorks Department hire more workers.'],
    ],
    [
      'a hard wrap after a comma is not a boundary',
      'Headline\n\nThe bank, based in Omaha,\nNebraska, has $8.7 billion in assets.',
      ['Headline', 'The bank, based in Omaha,\nNebraska, has $8.7 billion in assets.'],
    ],
    [
      'a sentence ending at a line end is a boundary; a wrapped abbreviation is not',
      'Headline\n\nThe vote is at 9\na.m. on Friday.\nIt is open to the public.',
      ['Headline', 'The vote is at 9\na.m. on Friday.', 'It is open to the public.'],
    ],
    [
      'a short line followed by a capitalised line is a statement (signature lines)',
      'Letter\n\nPlease keep the library open.\nMargaret Ellison\nEastside',
      ['Letter', 'Please keep the library open.', 'Margaret Ellison', 'Eastside'],
    ],
    ['Windows line endings', 'Headline\r\n\r\nFirst one. Second one.\r\n', ['Headline', 'First one.', 'Second one.']],
    ['a paragraph separator character is a boundary', 'One line\u2029another line', ['One line', 'another line']],
  ]);
});

describe('bullet lists', () => {
  runCases([
    [
      'dash, star and bullet items without punctuation, after a lead-in with a colon',
      'Headline\n\nWhat to know:\n- Roads are closed\n* Schools open late\n• Power is out in 3 counties\n\nThe storm ends Tuesday.',
      ['Headline', 'What to know:', '- Roads are closed', '* Schools open late', '• Power is out in 3 counties', 'The storm ends Tuesday.'],
    ],
    [
      'numbered items with a period are not split after the number',
      'Headline\n\nThe plan:\n1. Raise the minimum wage.\n2. Expand the tax credit.\n10. Create a savings program',
      ['Headline', 'The plan:', '1. Raise the minimum wage.', '2. Expand the tax credit.', '10. Create a savings program'],
    ],
    [
      'numbered items with a parenthesis',
      'Headline\n\n1) Allow duplexes near transit\n2) Cut parking rules\n3) Speed up permits',
      ['Headline', '1) Allow duplexes near transit', '2) Cut parking rules', '3) Speed up permits'],
    ],
    [
      'a bullet after a line ending in an abbreviation still starts a statement',
      'Headline\n\nHe moved to the U.S.\n- He found work in Ohio.\n- Dr. Lee hired him.',
      ['Headline', 'He moved to the U.S.', '- He found work in Ohio.', '- Dr. Lee hired him.'],
    ],
    [
      'a bullet holding two sentences gives two statements',
      'Headline\n\n- Two cars collided at Main St. and Second Ave. No one was hurt.\n- A parrot escaped',
      ['Headline', '- Two cars collided at Main St. and Second Ave.', 'No one was hurt.', '- A parrot escaped'],
    ],
  ]);
});

describe('abbreviations inside a sentence', () => {
  runCases([
    ['U.S. before a proper noun', 'The U.S. Senate voted 52-48 on Tuesday.', ['The U.S. Senate voted 52-48 on Tuesday.']],
    ['U.K., U.N. and E.U.', 'The U.K. government and the U.N. Security Council met E.U. officials.', ['The U.K. government and the U.N. Security Council met E.U. officials.']],
    ['U.S. before a comma inside a quote', '“Not just in the U.S.,” said Yorkin.', ['“Not just in the U.S.,” said Yorkin.']],
    [
      'titles before names',
      'Dr. Smith met Mr. Jones, Mrs. Jones, Ms. Yoon, Prof. Osei, Sen. Ortiz, Rep. Brooks, Gov. Brandt, Gen. Wells, Col. Shaw, Lt. Gray and Sgt. Diaz.',
      ['Dr. Smith met Mr. Jones, Mrs. Jones, Ms. Yoon, Prof. Osei, Sen. Ortiz, Rep. Brooks, Gov. Brandt, Gen. Wells, Col. Shaw, Lt. Gray and Sgt. Diaz.'],
    ],
    ['stacked titles', 'Lt. Col. Andrea Shaw and Sgt. Maj. Felix Ortiz spoke.', ['Lt. Col. Andrea Shaw and Sgt. Maj. Felix Ortiz spoke.']],
    ['Saint before a name', 'She was born in St. Paul and moved to St. Louis.', ['She was born in St. Paul and moved to St. Louis.']],
    ['street abbreviations before lowercase', 'Crews worked on Main St. and Fifth Ave. near Park Blvd. all day.', ['Crews worked on Main St. and Fifth Ave. near Park Blvd. all day.']],
    ['Mt. and No.', 'They climbed Mt. Rainier and visited No. 10 Downing Street and Nos. 3 and 4.', ['They climbed Mt. Rainier and visited No. 10 Downing Street and Nos. 3 and 4.']],
    ['company suffixes before lowercase', 'Acme Inc. said Norlight Corp. and Ford Motor Co. and Brightwater Ltd. would bid.', ['Acme Inc. said Norlight Corp. and Ford Motor Co. and Brightwater Ltd. would bid.']],
    ['company suffix before a title', 'Acme Corp. Chief Executive Laura Kim spoke.', ['Acme Corp. Chief Executive Laura Kim spoke.']],
    ['Jr. and Sr.', 'Martin Luther King Jr. Day is Monday, and Curtis Hale Sr. will speak.', ['Martin Luther King Jr. Day is Monday, and Curtis Hale Sr. will speak.']],
    ['vs., e.g., i.e., approx.', 'Rovers vs. United drew fans from e.g. Marion and Polk, i.e. nearly 40,000 people, approx. 3 km away.', ['Rovers vs. United drew fans from e.g. Marion and Polk, i.e. nearly 40,000 people, approx. 3 km away.']],
    ['etc. before lowercase', 'They sold apples, pears, etc. at the market.', ['They sold apples, pears, etc. at the market.']],
    [
      'month abbreviations before dates',
      'Meetings fall on Jan. 5, Feb. 9, Mar. 3, Apr. 1, Aug. 12, Sept. 19, Sep. 20, Oct. 3, Nov. 8 and Dec. 3, 2026.',
      ['Meetings fall on Jan. 5, Feb. 9, Mar. 3, Apr. 1, Aug. 12, Sept. 19, Sep. 20, Oct. 3, Nov. 8 and Dec. 3, 2026.'],
    ],
    ['a.m. and p.m. before a day, month or time zone', 'Polls open at 6 a.m. Tuesday and close at 8 p.m. ET, or 7 p.m. Oct. 3.', ['Polls open at 6 a.m. Tuesday and close at 8 p.m. ET, or 7 p.m. Oct. 3.']],
    ['Ph.D. and M.D.', 'She earned a Ph.D. in history and he an M.D. at Emory.', ['She earned a Ph.D. in history and he an M.D. at Emory.']],
    ['state abbreviation before a dash or comma', 'SPRINGFIELD, Ill. — The council met in Eau Claire, Wis., on Monday.', ['SPRINGFIELD, Ill. — The council met in Eau Claire, Wis., on Monday.']],
    ['legal citation v.', 'The case, Williams v. Patrick, was sent back.', ['The case, Williams v. Patrick, was sent back.']],
    ['an abbreviation inside parentheses', 'Gen. Martin Wells (ret.) gave a speech.', ['Gen. Martin Wells (ret.) gave a speech.']],
    ['an unknown abbreviation before lowercase', 'The firm, est. in 1990, grew.', ['The firm, est. in 1990, grew.']],
  ]);
});

describe('abbreviations at the end of a sentence', () => {
  runCases([
    ['U.S. then a sentence opener', 'He moved to the U.S. Then he left.', ['He moved to the U.S.', 'Then he left.']],
    ['a.m. then a sentence opener', 'It starts at 9 a.m. The doors open early.', ['It starts at 9 a.m.', 'The doors open early.']],
    ['a.m. then any capital that is not a day or time zone', 'The vote came at 8:45 a.m. Members left soon after.', ['The vote came at 8:45 a.m.', 'Members left soon after.']],
    ['U.K. then a pronoun', 'It needs approval in the U.K. It should pass.', ['It needs approval in the U.K.', 'It should pass.']],
    ['etc. then a capital', 'Bring water, food, etc. Farmers will sell the rest.', ['Bring water, food, etc.', 'Farmers will sell the rest.']],
    ['street abbreviation then a capital', 'The shelter is at 230 Sixth St. Pets are allowed.', ['The shelter is at 230 Sixth St.', 'Pets are allowed.']],
    ['Ave. then a pronoun', 'He spoke on Grand Ave. He thanked his staff.', ['He spoke on Grand Ave.', 'He thanked his staff.']],
    ['state abbreviation then a pronoun', 'She died in Duluth, Minn. She was 88.', ['She died in Duluth, Minn.', 'She was 88.']],
    ['state abbreviation then any capital', 'Storms hit Ala., Ga. and Tenn. Utilities said power is back.', ['Storms hit Ala., Ga. and Tenn.', 'Utilities said power is back.']],
    ['company suffix then a pronoun', 'It blamed its unit, Brightwater Ltd. It cut its forecast.', ['It blamed its unit, Brightwater Ltd.', 'It cut its forecast.']],
    ['month then a determiner', 'Results come in late Oct. The date is not set.', ['Results come in late Oct.', 'The date is not set.']],
    ['Jr. then a pronoun', 'The prize went to Dwight Harmon Jr. He accepted it.', ['The prize went to Dwight Harmon Jr.', 'He accepted it.']],
    ['No. as a one-word answer', 'Did the council ask residents? No. It voted first.', ['Did the council ask residents?', 'No.', 'It voted first.']],
    ['an abbreviation before an opening quote', 'The rally was in Norfolk, Va. “We won,” he said.', ['The rally was in Norfolk, Va.', '“We won,” he said.']],
    ['the end of the text', 'He has lived in the U.S.', ['He has lived in the U.S.']],
  ]);
});

describe('initials', () => {
  runCases([
    ['spaced initials', 'J. K. Rowling wrote it.', ['J. K. Rowling wrote it.']],
    ['a middle initial', 'George W. Bush spoke first.', ['George W. Bush spoke first.']],
    ['joined initials', 'H.G. Wells and C. S. Lewis were cited.', ['H.G. Wells and C. S. Lewis were cited.']],
    ['a single letter that ends a sentence', 'It is known as Plan B. Few people know it.', ['It is known as Plan B.', 'Few people know it.']],
  ]);
});

describe('numbers, addresses and versions', () => {
  runCases([
    ['decimals, money, percentages and times', 'Prices rose 3.5% to $4.2 billion at 10.30 on Friday. Bonds fell.', ['Prices rose 3.5% to $4.2 billion at 10.30 on Friday.', 'Bonds fell.']],
    ['versions', 'Version 1.5.2 fixes it, and 17.4.1 follows. Install it.', ['Version 1.5.2 fixes it, and 17.4.1 follows.', 'Install it.']],
    ['domains and URLs', 'Visit example.com or www.nytimes.com and https://example.net/a.b?c=1 today. Then call.', ['Visit example.com or www.nytimes.com and https://example.net/a.b?c=1 today.', 'Then call.']],
    ['email addresses', 'Write to a@b.org for help. Replies are slow.', ['Write to a@b.org for help.', 'Replies are slow.']],
    ['a URL at the end of a sentence', 'Details are at www.example.gov. Call 555-0199.', ['Details are at www.example.gov.', 'Call 555-0199.']],
    ['a sentence that starts with a number', 'It was the warmest year. 2024 held the record before.', ['It was the warmest year.', '2024 held the record before.']],
    ['a sentence that starts with money', 'The city paid. $5 million went to repairs.', ['The city paid.', '$5 million went to repairs.']],
    ['a hyphenated abbreviation', 'The U.S.-led talks ended.', ['The U.S.-led talks ended.']],
    ['a lowercase brand name starts a sentence', 'Sales fell. eBay listings rose.', ['Sales fell.', 'eBay listings rose.']],
  ]);
});

describe('quotations', () => {
  runCases([
    ['a question with attribution after it', '“Where is he?” asked Tom.', ['“Where is he?” asked Tom.']],
    ['an exclamation with attribution after it', '“We’ll come back!” she said.', ['“We’ll come back!” she said.']],
    ['a comma before the attribution', '“It was late,” he said.', ['“It was late,” he said.']],
    ['a named speaker after an exclamation', '“I knew it was 1814!” Sorensen said.', ['“I knew it was 1814!” Sorensen said.']],
    ['a quoted period then a new sentence', 'He said “no.” Then he left.', ['He said “no.”', 'Then he left.']],
    ['straight double quotes', '"Where is he?" asked Tom. "Gone," she said.', ['"Where is he?" asked Tom.', '"Gone," she said.']],
    ['straight single quotes', "'Stop!' she said. 'Now.' He stopped.", ["'Stop!' she said.", "'Now.'", 'He stopped.']],
    ['a closing quote stays with its sentence', 'He left.” Next came the vote.', ['He left.”', 'Next came the vote.']],
    ['two sentences inside one quote', '“Are we going to fix it? Yes, we are.”', ['“Are we going to fix it?', 'Yes, we are.”']],
    ['a question quoted mid-sentence', 'She wrote “What is 1815?” and lost.', ['She wrote “What is 1815?” and lost.']],
    ['an exclamation in a title', 'She won on “Jeopardy!” last spring.', ['She won on “Jeopardy!” last spring.']],
    ['a pronoun after a quoted question starts a new sentence', '“Can I bring my boat?’ I said no.', ['“Can I bring my boat?’', 'I said no.']],
    [
      'nested quotes with an exclamation inside',
      '“He yelled, ‘Get out now!’ and I ran,” she said.',
      ['“He yelled, ‘Get out now!’ and I ran,” she said.'],
    ],
    [
      'nested quotes with a sentence after the inner quote',
      '“He said, ‘I’m coming anyway.’ That’s Luca.”',
      ['“He said, ‘I’m coming anyway.’', 'That’s Luca.”'],
    ],
    [
      'nested quotes closing together',
      'One man asked, ‘Can I go?’ I said, ‘Sir, it is gone.’” Then he left.',
      ['One man asked, ‘Can I go?’', 'I said, ‘Sir, it is gone.’”', 'Then he left.'],
    ],
    ['a quotation with punctuation after the closing quote', 'He called it “a mess”. Others agreed.', ['He called it “a mess”.', 'Others agreed.']],
  ]);
});

describe('ellipses, parentheses and stacked punctuation', () => {
  runCases([
    ['an ellipsis before lowercase', 'Wait… what?', ['Wait… what?']],
    ['three dots before a sentence opener', 'He paused... Then he spoke.', ['He paused...', 'Then he spoke.']],
    ['an ellipsis character before a sentence opener', 'They decided… We were not asked.', ['They decided…', 'We were not asked.']],
    ['an elision inside a quote', 'The board would “consider ... every option” first.', ['The board would “consider ... every option” first.']],
    ['a trailing ellipsis before attribution', '“I don’t know...” she said.', ['“I don’t know...” she said.']],
    ['a parenthesised sentence', '(See below.) Next is the vote.', ['(See below.)', 'Next is the vote.']],
    ['a parenthesised sentence after a sentence', 'Fares rise. (Senior fares stay.) The board agreed.', ['Fares rise.', '(Senior fares stay.)', 'The board agreed.']],
    ['a parenthetical inside a sentence', 'It is far (approx. 3 km) from here.', ['It is far (approx. 3 km) from here.']],
    ['a parenthetical ending in an abbreviation', 'The firm (based in Austin, Tex.) said no.', ['The firm (based in Austin, Tex.) said no.']],
    ['a parenthetical with a capitalised phrase', 'Yorkin (Judging Amy, The Killing) will lead.', ['Yorkin (Judging Amy, The Killing) will lead.']],
    ['?! together', 'You want how much?! She left.', ['You want how much?!', 'She left.']],
    ['?! in a quote before attribution', '“Really?!” he said.', ['“Really?!” he said.']],
    ['repeated exclamation marks', 'Wow!!! That was fast.', ['Wow!!!', 'That was fast.']],
    ['a dash after a sentence-ending word continues', 'It was over. — or so they thought.', ['It was over. — or so they thought.']],
  ]);
});

describe('right-to-left and CJK text', () => {
  runCases([
    ['Hebrew full stops and question marks', 'המשלחות הגיעו לקהיר. האם יושג הסכם? כן.', ['המשלחות הגיעו לקהיר.', 'האם יושג הסכם?', 'כן.']],
    ['a Hebrew acronym with a straight quote', 'ארה"ב וקטאר מתווכות. השיחות נמשכות.', ['ארה"ב וקטאר מתווכות.', 'השיחות נמשכות.']],
    ['the Arabic question mark', 'هل سيتم التوصل إلى اتفاق؟ قال مسؤول إن المحادثات ستستمر.', ['هل سيتم التوصل إلى اتفاق؟', 'قال مسؤول إن المحادثات ستستمر.']],
    ['the Urdu full stop', 'مذاکرات دوبارہ شروع ہو گئے۔ وفود صبح پہنچے۔', ['مذاکرات دوبارہ شروع ہو گئے۔', 'وفود صبح پہنچے۔']],
    ['Chinese marks without spaces', '北京发布预警。市民留在家中！学校停课吗？', ['北京发布预警。', '市民留在家中！', '学校停课吗？']],
    ['a Chinese closing quote after the full stop', '他说：“我们准备好了。”地铁停运。', ['他说：“我们准备好了。”', '地铁停运。']],
    ['Japanese corner brackets after the full stop', '「今日は晴れです。」明日は雨だ。', ['「今日は晴れです。」', '明日は雨だ。']],
    ['a Japanese quote followed by its attribution', '住民は「本当に怖かった。」と話した。鉄道は止まった。', ['住民は「本当に怖かった。」と話した。', '鉄道は止まった。']],
    ['a Japanese question in double brackets', '『避難所はどこですか？』という問い合わせが相次いだ。', ['『避難所はどこですか？』という問い合わせが相次いだ。']],
    ['a Chinese ellipsis is not a boundary', '他说……我们再等等。', ['他说……我们再等等。']],
    ['Korean with spaces', '서울시는 경보를 발령했다. 지하철은 정상 운행 중이다.', ['서울시는 경보를 발령했다.', '지하철은 정상 운행 중이다.']],
    ['English before a Hebrew quotation', 'The banner read “ביחד ננצח” in red. It was new.', ['The banner read “ביחד ננצח” in red.', 'It was new.']],
  ]);
});

describe('the sample article (test/fixtures)', () => {
  it('marks every sentence of hit-and-run.txt the way a careful reader would', () => {
    const source = readFileSync(new URL('../../test/fixtures/hit-and-run.txt', import.meta.url), 'utf8');
    const sentences = segment(source);
    expectInvariants(source, sentences);
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'Hit & Run will not be getting a second season at Netflix.',
      'Despite a major cliffhanger ending, the espionage thriller from Fauda creators Avi Issacharoff and Lior Raz, and co-showrunners Dawn Prestwich and Nicole Yorkin (Judging Amy, The Killing), will be ending its run after one season at the streaming giant, The Hollywood Reporter confirms.',
      'Both sets of co-creators have overall deals at Netflix, which had seemingly made the creative choice of ending the first season on a cliffhanger a safer bet.',
      'The first season released in early August and Issacharoff and Raz re-upped their deal the following week.',
      'Per Netflix, Hit & Run landed in the streamer’s Top 10 after a one-day debut.',
      'It also made the Nielsen Top 10 original streaming shows each of the three weeks after it premiered.',
      'In a chat with THR about the first season, Prestwich and Yorkin shared their team vision behind the series and why Netflix had high hopes for their big-budget collaboration with Issacharoff and Raz.',
      '“They want it to be an international hit and not just a hit in Israel or a hit in the U.S.,” said Yorkin, acknowledging the scale and expense of the U.S. Netflix production.',
      '“One episode of our show is the equivalent of two full seasons of Fauda in terms of how much it cost.”',
      'At the time, even though they were awaiting a pickup, the co-showrunners and longtime collaborators were hopeful about doing more, which is why they ended the nine-episode first season with an open-ended scene.',
      '“We had early on pitched our idea for the cliffhanger,” said Prestwich of season one.',
      '“Then, in the process of breaking the story and by the time we knew what the entire season was going to be, and we went in and pitched it to Netflix, we were undecided.',
      'We thought, maybe we won’t make that choice.',
      'But Netflix missed it and said, ‘We want that.’',
      'So it was like, ‘Ok, we’ll come back!’',
      'We definitely feel like the show needs at least another season.”',
      'Hit & Run followed Fauda star Raz as his starring character, Segev, investigates the hit-and-run death of his wife, Danielle (played by Kaelen Ohm).',
      'A three-year production due to pandemic delays, the geopolitical thriller, which filmed both in the United States and in Israel, was the first U.S. Netflix production for Issacharoff and Raz.',
      'The bilingual show featured a mixed Israeli and American cast, and was set in New York and Tel Aviv.',
    ]);
    // Offsets point back into the file, so a statement can be highlighted where it stands.
    const per = sentences[4]!;
    expect(source.slice(per.start, per.end)).toBe('Per Netflix, Hit & Run landed in the streamer’s Top 10 after a one-day debut.');
  });
});

describe('the labelled corpus', () => {
  it('finds at least 99% of the gold sentences exactly (F1 ≥ 0.99)', () => {
    let predicted = 0;
    let gold = 0;
    let correct = 0;
    for (const doc of loadCorpus()) {
      const goldKeys = new Set(doc.gold.map((span) => `${span.start}:${span.end}`));
      const sentences = segment(doc.text);
      expectInvariants(doc.text, sentences);
      predicted += sentences.length;
      gold += doc.gold.length;
      correct += sentences.filter((sentence) => goldKeys.has(`${sentence.start}:${sentence.end}`)).length;
    }
    const precision = correct / predicted;
    const recall = correct / gold;
    expect(gold).toBeGreaterThanOrEqual(330);
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.99);
  });
});

describe('court reports and live blogs', () => {
  const texts = (source: string) => segment(source).map((s) => s.text);

  it('keeps case names, case numbers, reporter citations and statute sections inside their sentence', () => {
    expect(
      texts(
        'The panel of the Cal. Ct. App., 3d Dist., ruled in Alvarez v. Greenline Properties, Inc., No. C098765. ' +
          'It relied on United States v. Rivera, 89 F.4th 112 (2d Cir. 2024), and on Civ. Code § 1940.2. ' +
          'The case returns to the Superior Ct. The hearing is on Jan. 21.',
      ),
    ).toEqual([
      'The panel of the Cal. Ct. App., 3d Dist., ruled in Alvarez v. Greenline Properties, Inc., No. C098765.',
      'It relied on United States v. Rivera, 89 F.4th 112 (2d Cir. 2024), and on Civ. Code § 1940.2.',
      'The case returns to the Superior Ct.',
      'The hearing is on Jan. 21.',
    ]);
  });

  it('joins a time stamp on its own line to its entry, and splits Q: and A: lines and bullets under a heading', () => {
    expect(
      texts(
        'Live: Storm closes bridge\n\n12:40 p.m.\nA tree fell on Route 9. Nobody was hurt.\n\n14:05 GMT\nPower is back.\n\n' +
          'Q: Will the bridge reopen tonight?\nA: Not likely. Engineers must inspect it first.\n\n' +
          'What we know:\n- The bridge closed at 6:10 a.m.\n- About 12,000 homes have no power',
      ),
    ).toEqual([
      'Live: Storm closes bridge',
      '12:40 p.m.\nA tree fell on Route 9.',
      'Nobody was hurt.',
      '14:05 GMT\nPower is back.',
      'Q: Will the bridge reopen tonight?',
      'A: Not likely.',
      'Engineers must inspect it first.',
      'What we know:',
      '- The bridge closed at 6:10 a.m.',
      '- About 12,000 homes have no power',
    ]);
  });

  it('splits the labelled court reports and live blogs of the corpus exactly as marked', () => {
    const docs = loadCorpus().filter((doc) => /^(?:court-report-|live-blog)/.test(doc.name));
    expect(docs.length).toBeGreaterThanOrEqual(5);
    for (const doc of docs) {
      expect(segment(doc.text).map(({ start, end }) => [start, end]), doc.name).toEqual(doc.gold.map(({ start, end }) => [start, end]));
    }
  });
});

describe('invariants on random text', () => {
  // A small seeded generator, so a failure reproduces.
  function random(seed: number) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const pieces = [
    'The', 'he', 'U.S.', 'Dr.', 'etc.', 'a.m.', 'St.', 'No.', 'J.', 'Inc.', '3.5%', '$4.2', 'example.com', 'said',
    '.', '?', '!', '?!', '...', '…', '“', '”', '‘', '’', '"', "'", '(', ')', '[', ']', '—', '-', ',', ':',
    ' ', ' ', ' ', '  ', '\n', '\n', '\n\n', '\r\n', '\t', '\u00a0', '\u3000', '\u2029',
    '- ', '1. ', '2) ', '• ', 'ביחד', 'اتفاق', '؟', '۔', '北京', '。', '！', '？', '「', '」', 'と', '😀', 'x', 'Zed',
  ];

  it('keeps the invariants for 3,000 random strings', () => {
    const next = random(20240601);
    for (let round = 0; round < 3000; round++) {
      const length = Math.floor(next() * 60);
      let source = '';
      for (let index = 0; index < length; index++) source += pieces[Math.floor(next() * pieces.length)]!;
      expectInvariants(source, segment(source));
    }
  });

  it('keeps the invariants for random slices of the corpus', () => {
    const next = random(7);
    const corpusText = loadCorpus()
      .map((doc) => doc.text)
      .join('\n\n');
    for (let round = 0; round < 300; round++) {
      const start = Math.floor(next() * corpusText.length);
      const source = corpusText.slice(start, start + Math.floor(next() * 2000));
      expectInvariants(source, segment(source));
    }
  });

  it('segments the same text the same way wherever it stands in a longer article', () => {
    const paragraph = 'He moved to the U.S. Then he left. “Where is he?” asked Tom.';
    const once = texts(paragraph);
    const twice = texts(`Headline\n\n${paragraph}\n\n${paragraph}`);
    expect(twice).toEqual(['Headline', ...once, ...once]);
  });
});
