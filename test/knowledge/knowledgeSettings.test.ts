import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledgeSettings } from '../../knowledge/knowledgeSettings';

describe('loadKnowledgeSettings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string): void => writeFileSync(path.join(dir, 'settings.yaml'), text);

  it('sets nothing when there is no settings file (every base keeps its self-calibrated thresholds)', () => {
    expect(loadKnowledgeSettings(dir)).to.deep.equal({});
  });

  it('returns only what the file sets, per locale and value', () => {
    write('thresholds:\n  zh-cn:\n    answer: 0.6\n    suggest: 0.3\n');
    const settings = loadKnowledgeSettings(dir);
    expect(settings['zh-CN']).to.deep.equal({ answer: 0.6, suggest: 0.3 });
    expect(settings['en-US']).to.equal(undefined);
  });

  it('checks suggest against answer only when the file sets both', () => {
    write('thresholds:\n  en-us: { suggest: 0.9 }\n  zh-cn: { answer: 0.3, suggest: 0.4 }\n');
    expect(() => loadKnowledgeSettings(dir)).to.throw(/thresholds\.zh-cn\.suggest must not be above answer/);
  });

  it('reports every problem at once, naming the file', () => {
    write('thresholds:\n  fr-fr: { answer: 0.5 }\n  en-us: { answer: 2, colour: blue, suggest: 0.9 }\n');
    let message = '';
    try {
      loadKnowledgeSettings(dir);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.contain(path.join(dir, 'settings.yaml'));
    expect(message).to.contain('thresholds.fr-fr: unknown locale');
    expect(message).to.contain('thresholds.en-us: unknown setting colour');
    expect(message).to.contain('thresholds.en-us.answer must be a number from 0 to 1');
  });

  it('reports a file that is not YAML', () => {
    write('thresholds: [unclosed\n');
    expect(() => loadKnowledgeSettings(dir)).to.throw(/is not valid YAML/);
  });
});
