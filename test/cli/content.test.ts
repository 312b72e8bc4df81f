import { expect } from 'chai';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentExitCodes, runContent } from '../../cli/content';
import type { ContentVersions } from '../../publishing/contentVersions';
import { onServerStore } from '../support/serverStore';

const content = path.resolve(__dirname, '..', '..', 'content');

describe('npm run content', function () {
  this.timeout(30_000);
  let dir: string;
  let env: Record<string, string>;
  /** Runs the tool as `npm run content -- <argv>` would. */
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runContent(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const server = <T>(work: (versions: ContentVersions) => Promise<T>): Promise<T> => onServerStore(env, work);
  /** A copy of a shipped file in the scratch folder, edited. */
  function copy(name: string, edit?: (text: string) => string): string {
    const file = path.join(dir, name);
    const text = readFileSync(path.join(content, name), 'utf8');
    const changed = edit ? edit(text) : text;
    if (edit) expect(changed, `the edit of ${name} changed it`).to.not.equal(text);
    writeFileSync(file, changed);
    return file;
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-content-cli-'));
    env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes, lists, rolls back and shows the audit of a routing file', async () => {
    const first = await run('publish', 'routing', copy('routing.yaml'), '--by', 'Ana');
    expect(first.code, first.err).to.equal(contentExitCodes.done);
    expect(first.out).to.match(/^Published routing version [0-9a-f]{16}: 1 added \(\+\d+ −0 lines\)\. Running bots take it up within 5 s\./);
    const renamed = copy('routing.yaml', (t) => t.replace('en-US: General help', 'en-US: Help desk'));
    const second = await run('publish', 'routing', renamed, '--by', 'Ben');
    expect(second.out).to.contain('1 changed (+1 −1 lines)').and.contain('  ~ routing.yaml (+1 −1)');
    expect(await server(async (v) => (await v.published('routing'))?.files[0]?.text)).to.contain('Help desk');

    const list = await run('list', 'routing');
    expect(list.out.split('\n')).to.have.length(2);
    expect(list.out.split('\n')[0]).to.match(/^\* [0-9a-f]{16} {2}\S+ {2}by Ben {2}1 files {2}\(published\)$/);
    const back = await run('rollback', 'routing', '--by', 'Chen');
    expect(back.code, back.err).to.equal(contentExitCodes.done);
    expect(back.out).to.match(/^Rolled back to routing version [0-9a-f]{16} \(was [0-9a-f]{16}\): 1 changed/);
    const audit = await run('list', 'routing', '--audit');
    expect(audit.out).to.match(/#3 \S+ rollback by Chen/).and.match(/#2 \S+ publish by Ben/).and.match(/#1 \S+ publish by Ana: \(none\) → /);
    expect(await server(async (v) => (await v.published('routing'))?.files[0]?.text)).to.contain('General help');
  });

  it('refuses a roster naming a queue the routing in force lacks, printing every problem with file:line and path', async () => {
    await run('publish', 'routing', copy('routing.yaml'), '--by', 'Ana');
    const roster = copy('agents.yaml', (t) => t.replace('queues: [specialists]', 'queues: [specialist]').replace('display_name: Li Wei', 'display_name: ""'));
    const lines = readFileSync(roster, 'utf8').split('\n');
    const result = await run('publish', 'agents', roster, '--by', 'Ana');
    expect(result.code).to.equal(contentExitCodes.problems);
    const printed = result.err.split('\n');
    expect(printed).to.have.length(3);
    const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(printed).to.include(`agents.yaml:${lineOf('display_name: ""')} agents[1].display_name: must not be empty (WL_ROUTING_INVALID)`);
    expect(printed.find((l) => l.includes('agents[2].queues[0]'))).to.equal(`agents.yaml:${lineOf('queues: [specialist]')} agents[2].queues[0]: no queue "specialist" (the routing file's queues are: general, orders, specialists) (WL_ROUTING_INVALID)`);
    expect(printed[2]).to.equal('2 problems; nothing was published.');
    expect(await server((v) => v.published('agents'))).to.equal(undefined);
    expect((await run('validate', 'agents', roster)).code).to.equal(contentExitCodes.problems);
  });

  it('validates a folder kind, and exports the published version back into content/-style files', async () => {
    const messages = path.join(dir, 'messages');
    cpSync(path.join(content, 'messages'), messages, { recursive: true });
    const valid = await run('validate', 'messages', messages);
    expect(valid.code, valid.err).to.equal(contentExitCodes.done);
    expect(valid.out).to.equal('2 messages files are valid.');

    const nothing = await run('export', 'offers', path.join(dir, 'out.yaml'));
    expect(nothing.code).to.equal(contentExitCodes.problems);
    expect(nothing.err).to.contain('Nothing of offers is published yet');
    const offers = path.join(dir, 'offers.yaml');
    copyFileSync(path.join(content, 'offers.yaml'), offers);
    expect((await run('publish', 'offers', offers, '--by', 'Ana')).code).to.equal(contentExitCodes.done);
    const exported = await run('export', 'offers', path.join(dir, 'out.yaml'));
    expect(exported.code, exported.err).to.equal(contentExitCodes.done);
    expect(readFileSync(path.join(dir, 'out.yaml'), 'utf8')).to.equal(readFileSync(offers, 'utf8'));
  });

  it('answers a bad request with the usage and exit code 2', async () => {
    for (const argv of [[], ['publish'], ['publish', 'flows'], ['deploy', 'routing'], ['publish', 'routing'], ['list', 'routing', 'extra'], ['rollback', 'routing', '--by', 'Ana', '--prune']]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).to.equal(contentExitCodes.usage);
      expect(result.err, argv.join(' ')).to.contain('Usage:');
    }
    expect((await run('publish', 'flows')).err).to.contain('(flows: npm run flows)');
    expect((await run('publish', 'routing')).err).to.contain('publish needs --by <name>');
    const missing = await run('validate', 'routing', path.join(dir, 'nowhere.yaml'));
    expect(missing.code).to.equal(contentExitCodes.usage);
    expect(missing.err).to.contain('nowhere.yaml does not exist');
    expect((await run('--help')).code).to.equal(contentExitCodes.done);
  });

  it('says so when there is nothing to roll back, and when the store keeps nothing', async () => {
    const none = await run('rollback', 'knowledge', '--by', 'Ana');
    expect(none.code).to.equal(contentExitCodes.problems);
    expect(none.err).to.contain('Nothing of knowledge is published yet');
    env = { STORAGE: 'memory' };
    const memory = await run('list', 'routing');
    expect(memory.code).to.equal(contentExitCodes.problems);
    expect(memory.err).to.contain('STORAGE=memory keeps nothing outside the server process');
  });
});
