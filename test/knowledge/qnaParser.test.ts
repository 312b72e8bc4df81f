import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { datasetsDir } from '../../bench/datasets';
import { buildKnowledgeBase } from '../../knowledge/knowledgeBuilder';
import { parseQna } from '../../knowledge/qnaParser';
import { formatErrorOf } from './knowledgeErrorCapture';

const fixtures = path.resolve(__dirname, '../fixtures/knowledge/parser');
const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
const q = (...lines: string[]): string => lines.join('\n');

/** The problems of parsing `text` as inline.qna, as `line: message`. */
function problemsOf(text: string): string[] {
  return formatErrorOf(() => parseQna(text, 'inline.qna')).problems.map((p) => `${p.line}: ${p.message}`);
}

describe('parseQna', () => {
  describe('the English store fixture', () => {
    const file = path.join(fixtures, 'store.en-us.qna');
    const parsed = parseQna(fixture('store.en-us.qna'), file);
    const [delivery, parcel, express] = parsed.entries;

    it('reads every pair with its explicit or assigned id', () => {
      expect(parsed.entries.map((e) => e.id)).to.deep.equal(['10', '11', '12']);
      expect(parsed.generatedIds).to.deep.equal(['12']);
    });

    it('keeps the main question first, then the alternates', () => {
      expect(delivery?.questions).to.deep.equal(['How long does delivery take?', 'When will my order arrive?', 'delivery time']);
      expect(parcel?.questions).to.deep.equal(['Where is my parcel?', 'track my order']);
    });

    it('keeps a multi-line markdown answer verbatim, trimmed', () => {
      expect(delivery?.answer).to.equal('Standard delivery takes **3 to 5 working days**.\n\nExpress delivery arrives the next working day if you order before 2 pm.');
      expect(parcel?.answer).to.equal('Open *My orders* and choose **Track**.');
    });

    it('lower-cases and trims filters', () => {
      expect(delivery?.metadata).to.deep.equal({ topic: 'shipping', region: 'eu' });
      expect(parcel?.metadata).to.deep.equal({});
    });

    it('reads prompts by id and by hyphenated question, in order, with context-only', () => {
      expect(delivery?.prompts).to.deep.equal([
        { displayText: 'Track my parcel', entryId: '11', contextOnly: false, displayOrder: 0 },
        { displayText: 'Express delivery cost', entryId: '12', contextOnly: true, displayOrder: 1 },
      ]);
    });

    it('marks the target of a context-only prompt as context-only, and only it', () => {
      expect(parsed.entries.map((e) => e.contextOnly)).to.deep.equal([false, false, true]);
    });

    it('reads alterations as synonym groups', () => {
      expect(parsed.synonyms).to.deep.equal([{ canonical: 'parcel', alternates: ['package', 'shipment', 'delivery box'] }]);
    });

    it('records [import] and [text](file.qna) references with their lines', () => {
      expect(parsed.imports).to.deep.equal([
        { path: 'returns.en-us.qna', line: 41 },
        { path: 'gifts/cards.qna', line: 42 },
      ]);
    });

    it('records where each entry was written', () => {
      expect(parsed.entries.map((e) => e.source)).to.deep.equal([
        { file, line: 10 },
        { file, line: 29 },
        { file, line: 36 },
      ]);
      expect(express?.answer).to.equal('Express delivery costs 6.90 EUR.');
    });

    it('reads the same entries from CRLF text with a BOM, tabs and trailing spaces', () => {
      let inFence = false;
      const messy = `\uFEFF${fixture('store.en-us.qna')
        .split('\n')
        .map((line) => {
          if (line.startsWith('```')) inFence = !inFence;
          return inFence || line === '' ? line : `\t${line}  \t`;
        })
        .join('\r\n')}`;
      const reparsed = parseQna(messy, file);
      expect(reparsed.entries).to.deep.equal(parsed.entries);
      expect(reparsed.synonyms).to.deep.equal(parsed.synonyms);
      expect(reparsed.imports).to.deep.equal(parsed.imports);
    });
  });

  it('reads the Chinese store fixture', () => {
    const parsed = parseQna(fixture('store.zh-cn.qna'), 'store.zh-cn.qna');
    expect(parsed.entries.map((e) => [e.id, e.questions.length, e.metadata])).to.deep.equal([
      ['1', 3, { 主题: '配送' }],
      ['2', 2, {}],
    ]);
    expect(parsed.entries[0]?.answer).to.equal('一般 **3 到 5 个工作日** 送达。');
    expect(parsed.entries[0]?.prompts[0]).to.include({ displayText: '查询物流', entryId: '2' });
    expect(parsed.synonyms).to.deep.equal([{ canonical: '快递', alternates: ['包裹', '邮包'] }]);
  });

  it('accepts "#?question", "### ?", tab-indented fences and strips the fence indent from the answer', () => {
    const parsed = parseQna(q('#?Do you gift wrap?', '```', 'Yes.', '```', '### ? Can I add a card?', '- card message', '\t```markdown', '\t\tYes, free.', '\t  Two lines.', '\t```'), 'x.qna');
    expect(parsed.entries.map((e) => e.questions)).to.deep.equal([['Do you gift wrap?'], ['Can I add a card?', 'card message']]);
    expect(parsed.entries[1]?.answer).to.equal('Yes, free.\n  Two lines.');
  });

  it('reads an answer fenced with more backticks or tildes, keeping inner fences', () => {
    const parsed = parseQna(q('# ? How do I embed the widget?', '````markdown', 'Paste this:', '```html', '<div id="shop"></div>', '```', '````', '# ? Tilde?', '~~~', 'Yes.', '~~~'), 'x.qna');
    expect(parsed.entries[0]?.answer).to.equal('Paste this:\n```html\n<div id="shop"></div>\n```');
    expect(parsed.entries[1]?.answer).to.equal('Yes.');
  });

  it('numbers entries without ids after the largest numeric id, in order, the same every time', () => {
    const text = q('# ? a', '```', 'A', '```', '<a id="5"></a>', '# ? b', '```', 'B', '```', '# ? c', '```', 'C', '```', '<a id = "3"></a>', '# ? d', '```', 'D', '```');
    expect(parseQna(text, 'x.qna').entries.map((e) => e.id)).to.deep.equal(['6', '5', '7', '3']);
    expect(parseQna(text, 'x.qna').entries.map((e) => e.id)).to.deep.equal(['6', '5', '7', '3']);
  });

  it('leaves prompts to ids it does not know to the loader when the file imports others', () => {
    const parsed = parseQna(q('[shared](shared.qna)', '# ? a', '```', 'A', '```', '**Prompts:**', '- [More](#42)'), 'x.qna');
    expect(parsed.entries[0]?.prompts[0]?.entryId).to.equal('42');
  });

  it('ignores comments and model directives anywhere outside answers', () => {
    const parsed = parseQna(q('> !# @kb.name = shop', '# ? a', '> note', '- b', '> !# @qna.pair.source = editorial', '```', 'A', '```', '> end'), 'x.qna');
    expect(parsed.entries[0]?.questions).to.deep.equal(['a', 'b']);
  });

  describe('problems, each reported with file and line', () => {
    it('names the file and line in the message, the code and the fields', () => {
      const err = formatErrorOf(() => parseQna(q('', '# ? Is there a sale?', '- sale'), 'shop/faq.en-us.qna'));
      expect(err.message).to.contain('shop/faq.en-us.qna:2:');
      expect(err.file).to.equal('shop/faq.en-us.qna');
      expect(err.line).to.equal(2);
    });

    it('answer missing', () => {
      expect(problemsOf(q('# ? a', '- b', '', '# ? c', '```', 'C', '```'))).to.deep.equal(['1: question "a" has no answer: expected the answer in a ``` block']);
    });

    it('answer empty', () => {
      expect(problemsOf(q('# ? a', '```', '   ', '```'))).to.deep.equal(['2: answer is empty']);
    });

    it('unterminated fence', () => {
      expect(problemsOf(q('# ? a', '```markdown', 'A', '# ? b'))).to.deep.equal(['2: answer block is never closed: expected a closing ```']);
    });

    it('duplicate ids', () => {
      const text = q('<a id="1"></a>', '# ? a', '```', 'A', '```', '<a id = "1"></a>', '# ? b', '```', 'B', '```');
      expect(problemsOf(text)).to.deep.equal(['6: duplicate id "1": already used at line 1']);
    });

    it('prompt pointing to an unknown id', () => {
      expect(problemsOf(q('# ? a', '```', 'A', '```', '**Prompts:**', '- [Other](#9)'))).to.deep.equal(['6: prompt "Other" points to unknown id "9"']);
    });

    it('prompt linking to a question nobody asks', () => {
      expect(problemsOf(q('# ? a', '```', 'A', '```', '**Prompts:**', '- [Other](#?no-such-thing)'))).to.deep.equal([
        '6: prompt "Other" links to question "no-such-thing", which no entry in this file asks',
      ]);
    });

    it('malformed prompt line', () => {
      expect(problemsOf(q('# ? a', '```', 'A', '```', '**Prompts:**', '- see #2'))[0]).to.match(/^6: expected "- \[display text\]\(#id\)" under \*\*Prompts:\*\*, optionally followed by `context-only`; found "- see #2"/);
    });

    it('question empty, and alternate empty', () => {
      expect(problemsOf(q('# ?', '-', '```', 'A', '```'))).to.deep.equal(['1: question is empty: expected text after "# ?"', '2: alternate question is empty']);
    });

    it('stray line at the top, saying what was expected', () => {
      expect(problemsOf(q('Welcome to the shop', '# ? a', '```', 'A', '```'))).to.deep.equal([
        '1: expected "# ? question", <a id = "N"></a>, [import](file.qna), "$word : qna-alterations =", a "> comment" or a blank line; found "Welcome to the shop"',
      ]);
    });

    it('stray line among the questions, and a heading without "?"', () => {
      expect(problemsOf(q('# ? a', 'another way to ask', '```', 'A', '```', '# Shipping'))).to.deep.equal([
        '2: expected "- alternate question", "**Filters:**" or the answer in a ``` block; found "another way to ask"',
        '6: heading without "?": a question starts with "# ?", found "# Shipping"',
      ]);
    });

    it('alternate question after the answer, and a second answer', () => {
      expect(problemsOf(q('# ? a', '```', 'A', '```', '- late', '```', 'B', '```'))).to.deep.equal([
        '5: alternate questions go before the answer: expected "**Prompts:**", "**Filters:**" or a new "# ? question" after the answer; found "- late"',
        '6: second answer block for the question at line 1: a question has one answer',
      ]);
    });

    it('filter line without "=", and a filter with no value', () => {
      expect(problemsOf(q('# ? a', '**Filters:**', '- topic shipping', '- topic =', '```', 'A', '```'))).to.deep.equal([
        '3: filter line without "=": expected "- key = value", found "- topic shipping"',
        '4: filter needs both a key and a value: expected "- key = value", found "- topic ="',
      ]);
    });

    it('id not followed by a question, and a malformed id', () => {
      expect(problemsOf(q('<a id="2"></a>', '<a id=3>', '# ? a', '```', 'A', '```', '<a id="4"></a>'))).to.deep.equal([
        '2: malformed id: expected <a id = "N"></a>, found "<a id=3>"',
        '7: id "4" is not followed by a "# ? question"',
      ]);
    });

    it('an id anchor twice in a row', () => {
      expect(problemsOf(q('<a id="2"></a>', '<a id="3"></a>', '# ? a', '```', 'A', '```'))).to.deep.equal(['1: id "2" is not followed by a "# ? question"']);
    });

    it('references that are not .qna files', () => {
      expect(problemsOf(q('[Shop FAQ](https://example.com/faq)', '[All](./more/*)'))).to.deep.equal([
        '1: unsupported reference "[Shop FAQ](https://example.com/faq)": only [text](file.qna) imports are supported (not URLs, folders or #-links)',
        '2: unsupported reference "[All](./more/*)": only [text](file.qna) imports are supported (not URLs, folders or #-links)',
      ]);
    });

    it('empty synonym list, and list items outside any list', () => {
      expect(problemsOf(q('- stray', '$parcel : qna-alterations =', '', '# ? a', '```', 'A', '```'))).to.deep.equal([
        '1: list item outside a question, filter, prompt or synonym list: expected "# ? question", <a id = "N"></a>, [import](file.qna), "$word : qna-alterations =", a "> comment" or a blank line; found "- stray"',
        '2: synonym list "parcel" is empty: expected "- synonym" lines',
      ]);
    });

    it('an answer block or **Filters:** with no question', () => {
      expect(problemsOf(q('**Filters:**', '```', 'A', '```'))).to.deep.equal([
        '1: **Filters:** outside a question: expected "# ? question", <a id = "N"></a>, [import](file.qna), "$word : qna-alterations =", a "> comment" or a blank line',
        '2: answer block without a question: expected "# ? question", <a id = "N"></a>, [import](file.qna), "$word : qna-alterations =", a "> comment" or a blank line',
      ]);
    });

    it('collects every problem of a file into one error with a list', () => {
      const err = formatErrorOf(() => parseQna(q('hello', '# ? a', '**Filters:**', '- broken', '```', 'A'), 'faq.qna'));
      expect(err.problems.map((p) => p.line)).to.deep.equal([1, 4, 5]);
      expect(err.message).to.match(/^Knowledge: 3 problems:\n {2}- faq\.qna:1: .*\n {2}- faq\.qna:4: .*\n {2}- faq\.qna:5: /);
    });
  });

  describe('the public Bot Framework chit-chat files', () => {
    const dir = path.join(datasetsDir(), 'chitchat-qna');
    const files = ['english/qna_chitchat_professional.qna', 'english/qna_chitchat_friendly.qna', 'chinese_simplified/qna_chitchat_professional.qna', 'chinese_simplified/qna_chitchat_friendly.qna'];

    before(function () {
      if (!existsSync(dir)) {
        const reason = `${dir} is missing (the shared data sets sit beside the repository; DATASETS_DIR overrides)`;
        if (process.env.CI === 'true') throw new Error(`${reason}; these tests must run in CI`);
        console.log(`    skipped: ${reason}`);
        this.skip();
      }
    });

    for (const name of files) {
      it(`parses ${name} into more than 80 complete entries`, () => {
        const file = path.join(dir, name);
        const parsed = parseQna(readFileSync(file, 'utf8'), file);
        expect(parsed.entries.length).to.be.greaterThan(80);
        for (const entry of parsed.entries) {
          expect(entry.questions.length, entry.id).to.be.at.least(1);
          expect(entry.answer.trim(), entry.id).to.not.equal('');
        }
        const locale = name.startsWith('english') ? 'en-US' : 'zh-CN';
        expect(buildKnowledgeBase(locale, parsed.entries, parsed.synonyms).entries).to.have.length(parsed.entries.length);
      });
    }
  });
});
