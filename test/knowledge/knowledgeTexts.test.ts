import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { loadKnowledge, loadKnowledgeTexts } from '../../knowledge/knowledgeLoader';
import { KnowledgeError, KnowledgeFormatError } from '../../knowledge/knowledgeErrors';
import { parseKnowledgeSettings } from '../../knowledge/knowledgeSettings';
import { readContentFolder } from '../../publishing/contentFolder';

const site = path.resolve(__dirname, '../fixtures/knowledge/loader/site');

describe('knowledge held as texts (a version to publish)', () => {
  it('loads the same bases as the folder it was read from, imports in sub-folders included', () => {
    const fromTexts = loadKnowledgeTexts(readContentFolder(site));
    const fromDisk = loadKnowledge(site);
    expect([...fromTexts.keys()].sort()).to.deep.equal([...fromDisk.keys()].sort());
    for (const [locale, kb] of fromDisk) {
      const other = fromTexts.get(locale);
      expect(other?.entries.map((e) => [e.id, e.questions[0], e.answer])).to.deep.equal(kb.entries.map((e) => [e.id, e.questions[0], e.answer]));
    }
  });

  it('names the relative file and line of a problem, and an import that is not among the files', () => {
    const broken = '# ? Where is my order?\n```\nOn its way.\n```\n\n# ? \n```\nNo question above.\n```\n';
    let error: unknown;
    try {
      loadKnowledgeTexts([{ path: 'faq.en-us.qna', text: broken }]);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(KnowledgeFormatError);
    expect((error as KnowledgeFormatError).problems[0]).to.include({ file: 'faq.en-us.qna' });
    expect((error as KnowledgeFormatError).problems[0]?.line).to.be.a('number');

    const importing = readFileSync(path.resolve(__dirname, '../fixtures/knowledge/loader/missingImport/main.en-us.qna'), 'utf8');
    expect(() => loadKnowledgeTexts([{ path: 'main.en-us.qna', text: importing }]))
      .to.throw(KnowledgeError)
      .with.property('message')
      .that.contains('not-there.qna is not among the files (imported at main.en-us.qna:');
  });

  it('reads settings from text as from the file, every problem at once', () => {
    expect(parseKnowledgeSettings(undefined, 'settings.yaml')).to.deep.equal({});
    expect(parseKnowledgeSettings('thresholds:\n  en-us: { answer: 0.61 }\n', 'settings.yaml')['en-US']?.answer).to.equal(0.61);
    expect(() => parseKnowledgeSettings('thresholds:\n  fr-fr: {}\n  en-us: { colour: 1 }\n', 'settings.yaml'))
      .to.throw(KnowledgeError)
      .with.property('message')
      .that.contains('thresholds.fr-fr: unknown locale')
      .and.contains('thresholds.en-us: unknown setting colour');
  });
});
