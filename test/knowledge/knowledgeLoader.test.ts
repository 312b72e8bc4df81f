import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { KnowledgeEntry } from '../../knowledge/knowledgeBase';
import { buildKnowledgeBase, loadKnowledge, loadKnowledgeFile, maxKnowledgeFileBytes } from '../../knowledge/knowledgeLoader';
import { formatErrorOf, knowledgeErrorOf } from './knowledgeErrorCapture';

const fixtures = path.resolve(__dirname, '../fixtures/knowledge/loader');
const at = (...parts: string[]): string => path.join(fixtures, ...parts);

const entry = (id: string, extra: Partial<KnowledgeEntry> = {}): KnowledgeEntry => ({
  id,
  questions: [`Question ${id}?`],
  answer: `Answer ${id}.`,
  metadata: {},
  prompts: [],
  contextOnly: false,
  ...extra,
});

describe('knowledge loader', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'warmline-knowledge-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('loads the shipped store, whose Chinese answers address the customer as 您, never 你', () => {
    const zh = loadKnowledge(path.resolve(__dirname, '../../content/knowledge')).get('zh-CN');
    expect(zh?.entries.length).to.be.above(50);
    for (const e of zh?.entries ?? []) expect(e.answer, `entry ${e.id}`).not.to.match(/你(?!们)/);
    expect(zh?.entries.filter((e) => e.answer.includes('您')).length).to.be.above(20);
  });

  describe('loadKnowledge on a folder', () => {
    const bases = loadKnowledge(at('site'));
    const en = bases.get('en-US');
    const zh = bases.get('zh-CN');

    it('builds one base per locale from the file name suffixes, in any case', () => {
      expect([...bases.keys()]).to.deep.equal(['en-US', 'zh-CN']);
      expect(en?.locale).to.equal('en-US');
      expect(zh?.entries.map((e) => e.questions[0])).to.deep.equal(['可以寄到国外吗？']);
    });

    it('merges imports (read once, not scanned on their own) and TSV files, numbering unlabelled entries after every explicit id', () => {
      expect(en?.entries.map((e) => [e.id, e.questions[0]])).to.deep.equal([
        ['1', 'Do you ship abroad?'],
        ['52', 'Do you sell gift wrapping?'],
        ['20', 'How do returns work?'],
        ['53', 'Can I exchange a size?'],
        ['50', 'Can I change my order?'],
        ['51', 'Can I cancel my order?'],
      ]);
      expect(en?.entries[2]?.source).to.deep.equal({ file: at('site', 'shared', 'returns.qna'), line: 3 });
    });

    it('leaves batch-test case files (query<TAB>expected) out of the base', () => {
      expect(en?.entries.flatMap((e) => e.questions)).to.not.include('where do you deliver to');
      expect(formatErrorOf(() => loadKnowledgeFile(at('site', 'cases.en-us.tsv'))).message).to.contain('header must name the columns "Question" and "Answer"');
    });

    it('resolves prompts to entries of imported files and marks context-only targets', () => {
      expect(en?.entries[0]?.prompts).to.deep.equal([{ displayText: 'How do returns work?', entryId: '20', contextOnly: true, displayOrder: 0 }]);
      expect(en?.entries.filter((e) => e.contextOnly).map((e) => e.id)).to.deep.equal(['20']);
    });

    it('merges synonym groups with the same word', () => {
      expect(en?.synonyms).to.deep.equal([{ canonical: 'Refund', alternates: ['money back', 'reimbursement'] }]);
    });

    it('gives each base a short content version that is the same on every load', () => {
      expect(en?.version).to.match(/^[0-9a-f]{16}$/);
      expect(loadKnowledge(at('site')).get('en-US')?.version).to.equal(en?.version);
      expect(zh?.version).to.not.equal(en?.version);
    });

    it('needs a locale for files without a suffix', () => {
      const err = knowledgeErrorOf(() => loadKnowledge(at('noLocale')));
      expect(err.code).to.equal('WL_KB_LOCALE');
      expect(err.message).to.contain(at('noLocale', 'plain.qna'));
      expect(loadKnowledge(at('noLocale'), 'zh-CN').get('zh-CN')?.entries).to.have.length(1);
    });

    it('refuses a folder with no knowledge files', () => {
      const empty = path.join(scratch, 'empty');
      mkdirSync(empty);
      expect(knowledgeErrorOf(() => loadKnowledge(empty)).code).to.equal('WL_KB_NOT_FOUND');
    });
  });

  describe('loadKnowledgeFile and loadKnowledge on a file', () => {
    it('loads a file without a suffix in the locale given, and refuses it without one', () => {
      expect(loadKnowledgeFile(at('noLocale', 'plain.qna'), 'en-US').locale).to.equal('en-US');
      const err = knowledgeErrorOf(() => loadKnowledgeFile(at('noLocale', 'plain.qna')));
      expect(err.code).to.equal('WL_KB_LOCALE');
      expect(err.message).to.contain('plain.qna has no locale');
    });

    it('lets the file name suffix win over the locale argument', () => {
      const bases = loadKnowledge(at('site', 'faq.zh-cn.qna'), 'en-US');
      expect([...bases.keys()]).to.deep.equal(['zh-CN']);
    });

    it('refuses a locale suffix it does not support', () => {
      const file = path.join(scratch, 'faq.fr-fr.qna');
      writeFileSync(file, '# ? a\n```\nA\n```\n');
      expect(knowledgeErrorOf(() => loadKnowledgeFile(file)).message).to.contain('locale "fr-fr" is not supported');
    });

    it('reads a shared file imported twice once', () => {
      const base = loadKnowledgeFile(at('diamond', 'top.en-us.qna'));
      expect(base.entries.map((e) => [e.id, e.questions[0]])).to.deep.equal([
        ['101', 'Top question'],
        ['102', 'left question'],
        ['100', 'Base question'],
        ['103', 'right question'],
      ]);
    });

    it('reports an import cycle with its chain', () => {
      const err = knowledgeErrorOf(() => loadKnowledgeFile(at('cycle', 'a.en-us.qna')));
      expect(err.code).to.equal('WL_KB_IMPORT_CYCLE');
      const [a, b] = [at('cycle', 'a.en-us.qna'), at('cycle', 'b.en-us.qna')];
      expect(err.message).to.equal(`Knowledge: import cycle: ${a} → ${b} → ${a} (imported at ${b}:6)`);
    });

    it('reports an id used in two files, naming both', () => {
      const err = formatErrorOf(() => loadKnowledgeFile(at('dupes', 'main.en-us.qna')));
      expect(err.message).to.equal(`Knowledge: ${at('dupes', 'other.qna')}:4: duplicate id "7": also used by the entry at ${at('dupes', 'main.en-us.qna')}:4`);
    });

    it('reports a prompt to an id no file defines once imports are merged', () => {
      const err = formatErrorOf(() => loadKnowledgeFile(at('badPrompt', 'main.en-us.qna')));
      expect(err.message).to.contain(`${at('badPrompt', 'main.en-us.qna')}:3: entry "6": prompt "Card points" points to unknown id "99"`);
    });

    it('reports a missing import with the line that names it', () => {
      const err = knowledgeErrorOf(() => loadKnowledgeFile(at('missingImport', 'main.en-us.qna')));
      expect(err.code).to.equal('WL_KB_NOT_FOUND');
      expect(err.message).to.contain(`${at('missingImport', 'not-there.qna')} does not exist or cannot be read (imported at ${at('missingImport', 'main.en-us.qna')}:6)`);
    });

    it('reports a missing path', () => {
      const err = knowledgeErrorOf(() => loadKnowledge(path.join(scratch, 'nowhere.en-us.qna')));
      expect(err.code).to.equal('WL_KB_NOT_FOUND');
      expect(err.message).to.contain('nowhere.en-us.qna does not exist');
    });

    it('refuses files over 20 MB', () => {
      const file = path.join(scratch, 'huge.en-us.qna');
      writeFileSync(file, '');
      truncateSync(file, maxKnowledgeFileBytes + 1);
      const err = knowledgeErrorOf(() => loadKnowledgeFile(file));
      expect(err.code).to.equal('WL_KB_TOO_LARGE');
      expect(err.message).to.contain('knowledge files may be at most 20 MB');
    });

    it('refuses a file that is neither .qna nor .tsv', () => {
      const file = path.join(scratch, 'notes.en-us.txt');
      writeFileSync(file, 'hello');
      expect(formatErrorOf(() => loadKnowledgeFile(file, 'en-US')).message).to.contain('unsupported file type');
    });
  });

  describe('buildKnowledgeBase', () => {
    it('builds a frozen base from plain data and marks context-only targets', () => {
      const base = buildKnowledgeBase('en-US', [entry('1', { prompts: [{ displayText: 'More', entryId: '2', contextOnly: true, displayOrder: 0 }] }), entry('2')], [{ canonical: 'parcel', alternates: ['package'] }]);
      expect(base.entries.map((e) => e.contextOnly)).to.deep.equal([false, true]);
      expect(Object.isFrozen(base) && Object.isFrozen(base.entries) && Object.isFrozen(base.entries[0])).to.equal(true);
    });

    it('changes the version when content changes, not when only the source location does', () => {
      const version = buildKnowledgeBase('en-US', [entry('1')]).version;
      expect(buildKnowledgeBase('en-US', [entry('1', { source: { file: 'a.qna', line: 9 } })]).version).to.equal(version);
      expect(buildKnowledgeBase('en-US', [entry('1', { answer: 'Another answer.' })]).version).to.not.equal(version);
      expect(buildKnowledgeBase('en-US', [entry('1')], [{ canonical: 'parcel', alternates: ['package'] }]).version).to.not.equal(version);
    });

    it('reports every problem of the data at once', () => {
      const err = formatErrorOf(() =>
        buildKnowledgeBase('zh-CN', [
          entry('1', { prompts: [{ displayText: 'More', entryId: '9', contextOnly: false, displayOrder: 0 }] }),
          entry('1', { source: { file: 'faq.zh-cn.qna', line: 12 } }),
          entry('2', { questions: [] }),
          entry('3', { answer: ' ' }),
        ]),
      );
      expect(err.problems.map((p) => `${p.file}:${p.line ?? '-'}: ${p.message}`)).to.deep.equal([
        'faq.zh-cn.qna:12: duplicate id "1": also used by the entry at (knowledge data)',
        '(knowledge data):-: entry "2" has no question',
        '(knowledge data):-: entry "3" has an empty answer',
        '(knowledge data):-: entry "1": prompt "More" points to unknown id "9"',
      ]);
      expect(err.message).to.match(/^Knowledge: 4 problems:\n/);
    });
  });
});
