import { expect } from 'chai';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KnowledgeReloader } from '../../knowledge/knowledgeReloader';
import { FaqService } from '../../knowledge/faqService';
import { FaqMatcher } from '../../knowledge/faqMatcher';
import { loadKnowledge } from '../../knowledge/knowledgeLoader';
import { silentLogger } from '../../logger';
import { fixtureKnowledgeDir } from '../support/faqFixture';

describe('KnowledgeReloader', () => {
  let dir: string;
  let faq: FaqService;
  let reloader: KnowledgeReloader;
  const file = (): string => path.join(dir, 'store.en-us.qna');

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-reload-'));
    for (const name of ['store.en-us.qna', 'store.zh-cn.qna']) copyFileSync(path.join(fixtureKnowledgeDir, name), path.join(dir, name));
    faq = new FaqService(loadKnowledge(dir).values(), { buildMatcher: (kb) => FaqMatcher.build(kb) });
    reloader = new KnowledgeReloader(dir, faq, silentLogger());
  });
  afterEach(() => {
    reloader.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes an edited answer without a restart', () => {
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('the link lasts 1 hour', 'the link lasts 2 hours'));
    const result = reloader.reload();
    expect(result.ok).to.equal(true);
    expect(faq.entry('en-US', '5')?.answer).to.contain('2 hours');
  });

  it('keeps the previous version answering when the edit is broken, and says where', () => {
    const before = faq.versions();
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('```markdown\nUse **Forgot', '```markdown\nUse **Forgot').replace(/```\n*$/, ''));
    const result = reloader.reload();
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.error).to.contain('store.en-us.qna');
    expect(faq.versions()).to.deep.equal(before);
    expect(faq.entry('en-US', '5')?.answer).to.contain('1 hour');
  });

  it('applies new thresholds from settings.yaml', () => {
    writeFileSync(path.join(dir, 'settings.yaml'), 'thresholds:\n  en-us: { answer: 0.8 }\n');
    expect(reloader.reload().ok).to.equal(true);
    expect(faq.thresholdsFor('en-US').answer).to.equal(0.8);
  });

  it('reloads by itself when a file changes', async () => {
    reloader.watch(20);
    const reloaded = once(reloader.events, 'reloaded');
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('the link lasts 1 hour', 'the link lasts 3 hours'));
    const [result] = (await reloaded) as [{ ok: boolean }];
    expect(result.ok).to.equal(true);
    expect(faq.entry('en-US', '5')?.answer).to.contain('3 hours');
  });
});
