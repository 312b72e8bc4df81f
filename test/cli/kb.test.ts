import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runKb } from '../../cli/kb';
import { homeCountryCode } from '../../knowledge/placeNames';
import { fixtureKnowledgeDir } from '../support/faqFixture';

function run(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runKb(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run kb', () => {
  const cases = path.join(fixtureKnowledgeDir, 'tests', 'cases.en-us.tsv');
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-kb-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ask prints ranked candidates and the decision', () => {
    const r = run('ask', '--kb', fixtureKnowledgeDir, 'How', 'do', 'I', 'reset', 'my', 'password?');
    expect(r.code).to.equal(0);
    const decision = r.out.indexOf('decision: answer → 5');
    expect(decision).to.be.above(0);
    expect(r.out[decision + 1]).to.match(/^ 1\. [01]\.\d{3} {2}\[5\] How do I reset my password\?/);
    // Where the thresholds come from: the base's own calibration, which settings.yaml may override.
    expect(r.out[1]).to.match(/^thresholds in force: answer [\d.]+, margin [\d.]+, suggest [\d.]+/);
    expect(r.out[2]).to.match(/^self-calibration: \d+ stored phrasings held out|^calibration: fixed/);
  });

  it('says which word vectors a self-calibrated base uses, and stops at a word-vector file it cannot read', () => {
    const english = run('ask', '--kb', fixtureKnowledgeDir, 'How', 'do', 'I', 'reset', 'my', 'password?').out;
    // The fixture's bases calibrate themselves, which is when the vectors are used.
    expect(english.some((l) => l.startsWith('self-calibration:'))).to.equal(true);
    expect(english).to.include('word vectors: the packaged English ones');
    const chinese = run('ask', '--kb', fixtureKnowledgeDir, '--locale', 'zh-cn', '忘记密码').out;
    expect(chinese).to.include('word vectors: built from CC-CEDICT glosses and the packaged English ones');
    const vectors = path.join(dir, 'zh.vec');
    writeFileSync(vectors, '2 3\n密码 0.1 0.2 0.3\n退款 0.3 0.2 0.1\n');
    const out: string[] = [];
    expect(runKb(['ask', '--kb', fixtureKnowledgeDir, '--locale', 'zh-cn', '忘记密码'], { out: (l) => out.push(l), err: () => undefined }, { wordVectors: { 'zh-CN': vectors } })).to.equal(0);
    expect(out).to.include(`word vectors: ${vectors}`);
    const err: string[] = [];
    expect(runKb(['ask', '--kb', fixtureKnowledgeDir, 'hello'], { out: () => undefined, err: (l) => err.push(l) }, { wordVectors: { 'zh-CN': path.join(dir, 'missing.vec') } })).to.equal(1);
    expect(err.join('\n')).to.contain('missing.vec: cannot be read').and.not.contain('    at ');
    runKb(['ask', '--kb', fixtureKnowledgeDir, 'hello'], { out: () => undefined, err: () => undefined });
  });

  it('takes the home country as the bot does, and names a code that is no country', () => {
    const err: string[] = [];
    expect(runKb(['ask', '--kb', fixtureKnowledgeDir, 'hello'], { out: () => undefined, err: (l) => err.push(l) }, { homeCountry: 'XX' })).to.equal(1);
    expect(err.join('\n')).to.contain('"XX" is not an ISO 3166 country code');
    expect(runKb(['ask', '--kb', fixtureKnowledgeDir, 'do you ship to China?'], { out: () => undefined, err: () => undefined }, { homeCountry: 'GB' })).to.equal(0);
    expect(runKb(['ask', '--kb', fixtureKnowledgeDir, 'hello'], { out: () => undefined, err: () => undefined })).to.equal(0);
    expect(homeCountryCode()).to.equal('CN');
  });

  it('ask answers from the Chinese base with --locale zh-cn', () => {
    const r = run('ask', '--kb', fixtureKnowledgeDir, '--locale', 'zh-cn', '忘记密码');
    expect(r.out[0]).to.match(/^knowledge base zh-CN/);
    expect(r.out.join('\n')).to.contain('[5] 怎么重置密码？');
  });

  it('eval --json prints the figures an admin checks before publishing', () => {
    const r = run('eval', '--kb', fixtureKnowledgeDir, '--cases', cases, '--json');
    expect(r.code).to.equal(0);
    const report = JSON.parse(r.out[0] ?? '{}') as Record<string, unknown>;
    expect(report).to.include({ n: 5, answerable: 3, outOfScope: 2, locale: 'en-US' });
    for (const key of ['accuracy', 'outOfScopeRecall', 'wrongAnswerRate', 'reachable', 'rankedFirst']) {
      expect(report[key]).to.be.a('number').within(0, 1);
    }
    expect(report.outOfScopeRecall).to.equal(1);
  });

  it('eval prints a readable report with the worst confusions', () => {
    const file = path.join(dir, 'wrong.en-us.tsv');
    writeFileSync(file, 'query\texpected\nI forgot my password\t3\n');
    const r = run('eval', '--kb', fixtureKnowledgeDir, '--cases', file);
    expect(r.out.join('\n')).to.match(/accuracy \(answered outright, right entry\): +0\.0%/);
    expect(r.out.join('\n')).to.match(/ranked first \(right entry on top, any score\): +0\.0%/);
    expect(r.out.join('\n')).to.contain('3 → 5  ×1  "I forgot my password"');
  });

  it('reports broken cases and knowledge files with their line, and usage mistakes, without a stack trace', () => {
    const bad = path.join(dir, 'bad.tsv');
    writeFileSync(bad, 'query\texpected\nno tab here\n\tnone\n');
    const r = run('eval', '--kb', fixtureKnowledgeDir, '--cases', bad);
    expect(r.code).to.equal(1);
    expect(r.err.join('\n')).to.contain('line 2: expected "query<TAB>expected"').and.contain('line 3: the query is empty');
    const badKb = path.join(dir, 'broken.en-us.qna');
    writeFileSync(badKb, '# ? a question\n- alt\n');
    const k = run('ask', '--kb', badKb, 'hello');
    expect(k.code).to.equal(1);
    expect(k.err.join('\n')).to.contain('broken.en-us.qna').and.not.contain('    at ');
    expect(run('ask', '--kb', fixtureKnowledgeDir).code).to.equal(2);
    expect(run('frobnicate', '--kb', fixtureKnowledgeDir).err.join('\n')).to.contain('unknown command "frobnicate"');
    expect(run('ask', '--kb', fixtureKnowledgeDir, '--locale', 'fr-fr', 'x').code).to.equal(2);
    expect(run('ask', '--nope').code).to.equal(2);
  });

  it('runs as a program and stops quietly when its reader closes the pipe early (| head)', async () => {
    const root = path.resolve(__dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'kb.ts'), 'eval', '--kb', fixtureKnowledgeDir, '--cases', cases], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the first line is written.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.to.contain('EPIPE');
    expect(code).to.equal(0);
  });
});
