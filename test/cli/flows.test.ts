import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlowToolMissing, flowTools } from '../../cli/flowTools';
import type { FlowTestReport, FlowTools } from '../../cli/flowTools';
import { flowsExitCodes, runFlows } from '../../cli/flows';
import { loadConfig } from '../../config';
import { silentLogger } from '../../logger';
import type { ContentFile } from '../../publishing/contentBundle';
import { bundleId } from '../../publishing/contentBundle';
import { ContentVersions } from '../../publishing/contentVersions';
import type { PublishedContent } from '../../publishing/contentVersions';
import { PublishedWatcher } from '../../publishing/publishedWatcher';
import { openStorageBackend } from '../../storage/storageBackend';
import { requireRedis } from '../support/services';
import { onServerStore } from '../support/serverStore';
import { RedisTestClients } from '../storage/redisTestClients';

/** A validator that refuses any topic containing BROKEN, and a test runner that fails tests containing FAIL. */
const fakeTools: FlowTools = {
  async validator() {
    return (files) => files.filter((f) => f.text.includes('BROKEN')).map((f) => ({ file: f.path, path: 'beginDialog.actions[0].text.zh-CN', line: 4, message: 'the text in this language is missing or empty', code: 'missing-locale-text' }));
  },
  async testRunner() {
    return (files): FlowTestReport => {
      const tests = files.filter((f) => f.path.endsWith('.test.yaml'));
      const failing = tests.filter((f) => f.text.includes('FAIL'));
      return { passed: tests.length - failing.length, failures: failing.map((f) => ({ test: 'greets in zh-CN', message: 'expected "您好" but the bot said "Hello"', file: f.path, line: 3 })) };
    };
  },
};

const missingTools: FlowTools = {
  validator: () => Promise.reject(new FlowToolMissing('This build has no flows validator yet (flows/topicLoader.ts is missing)')),
  testRunner: () => Promise.reject(new FlowToolMissing('This build has no flow test runner yet (flows/flowTestRunner.ts is missing)')),
};

/** Runs the tool as `npm run flows -- <argv>` would. */
async function flows(env: Record<string, string>, tools: FlowTools, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFlows(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env, tools);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function writeTopics(dir: string, topics: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(topics)) writeFileSync(path.join(dir, name), text);
}

const greeting = (text: string): string => `kind: AdaptiveDialog\nbeginDialog:\n  kind: OnConversationStart\n  actions:\n    - { kind: SendActivity, id: hello, text: "${text}" }\n`;
const transfer = 'kind: AdaptiveDialog\nbeginDialog:\n  kind: OnEscalate\n  actions: []\n';

for (const store of ['sqlite', 'redis'] as const) {
  describe(`npm run flows, on ${store}`, function () {
    this.timeout(30_000);
    let env: Record<string, string>;
    let dir: string;
    let redis: RedisTestClients | undefined;
    const run = (...argv: string[]): ReturnType<typeof flows> => flows(env, fakeTools, ...argv);
    const server = <T>(work: (versions: ContentVersions) => Promise<T>): Promise<T> => onServerStore(env, work);

    beforeEach(async function () {
      dir = mkdtempSync(path.join(tmpdir(), `warmline-flows-${store}-`));
      if (store === 'redis') {
        redis = new RedisTestClients(await requireRedis(this));
        env = { STORAGE: 'redis', REDIS_URL: process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: redis.prefix };
      } else env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') };
    });
    afterEach(async () => {
      await redis?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('publishes, lists, rolls back and shows the audit, and a running instance takes each version up', async () => {
      const topics = path.join(dir, 'flows');
      writeTopics(topics, { 'greeting.yaml': greeting('Hello'), 'transfer.yaml': transfer });
      const first = await run('publish', topics, '--by', 'Ana');
      expect(first.code, first.err).to.equal(flowsExitCodes.done);
      expect(first.out).to.match(/^Published flows version [0-9a-f]{16}: 2 added \(\+9 −0 lines\)\. Running bots take it up within 5 s\./);

      const backend = await openStorageBackend(loadConfig(env).storage, silentLogger());
      const received: PublishedContent[] = [];
      const watcher = new PublishedWatcher(new ContentVersions(backend.storage), { flows: (c) => void received.push(c) }, { logger: silentLogger() });
      try {
        await watcher.check();
        expect(received.map((c) => c.publishedBy)).to.deep.equal(['Ana']);

        // The admin changes the greeting and inserts a question before the transfer.
        writeTopics(topics, { 'greeting.yaml': greeting('Welcome back'), 'transfer.yaml': transfer, 'askOrder.yaml': 'kind: AdaptiveDialog\n' });
        const second = await run('publish', topics, '--by', 'Ben');
        expect(second.code, second.err).to.equal(flowsExitCodes.done);
        expect(second.out).to.contain('1 added, 1 changed (+2 −1 lines)').and.contain('  + askOrder.yaml (+1 −0)').and.contain('  ~ greeting.yaml (+1 −1)');
        await watcher.check();
        expect(received[1]?.files.find((f) => f.path === 'greeting.yaml')?.text).to.contain('Welcome back');

        const list = await run('list');
        const lines = list.out.split('\n');
        expect(lines).to.have.length(2);
        expect(lines[0]).to.match(/^\* [0-9a-f]{16} {2}\S+ {2}by Ben {2}3 files {2}\(published\)$/);
        expect(lines[1]).to.match(/^ {2}[0-9a-f]{16} {2}\S+ {2}by Ana {2}2 files {2}\(previous: rollback goes here\)$/);

        const back = await run('rollback', '--by', 'Chen');
        expect(back.code, back.err).to.equal(flowsExitCodes.done);
        expect(back.out).to.match(/^Rolled back to flows version [0-9a-f]{16} \(was [0-9a-f]{16}\): 1 removed, 1 changed/);
        await watcher.check();
        expect(received.map((c) => c.publishedBy)).to.deep.equal(['Ana', 'Ben', 'Chen']);
        expect(received[2]?.files.find((f) => f.path === 'greeting.yaml')?.text).to.contain('Hello');

        const audit = await run('list', '--audit');
        expect(audit.out).to.match(/#3 \S+ rollback by Chen: [0-9a-f]{16} → [0-9a-f]{16}; 1 removed, 1 changed/);
        expect(audit.out).to.match(/#2 \S+ publish by Ben/).and.match(/#1 \S+ publish by Ana: \(none\) → /);
      } finally {
        await watcher.stop();
        await backend.close();
      }
    });

    it('refuses flows with problems, printing each with file, line and path, and publishes nothing', async () => {
      const topics = path.join(dir, 'flows');
      writeTopics(topics, { 'greeting.yaml': greeting('BROKEN'), 'transfer.yaml': `${transfer}# BROKEN\n` });
      const result = await run('publish', topics, '--by', 'Ana');
      expect(result.code).to.equal(flowsExitCodes.rejected);
      expect(result.err.split('\n')).to.deep.equal([
        'greeting.yaml:4 beginDialog.actions[0].text.zh-CN: the text in this language is missing or empty (missing-locale-text)',
        'transfer.yaml:4 beginDialog.actions[0].text.zh-CN: the text in this language is missing or empty (missing-locale-text)',
        '2 problems; nothing was published.',
      ]);
      expect(await server((v) => v.published('flows'))).to.equal(undefined);
      expect((await run('validate', topics)).code).to.equal(flowsExitCodes.rejected);
    });

    it('says when the files are already published, and what is missing for a rollback', async () => {
      expect((await run('rollback', '--by', 'Ana')).err).to.contain('Nothing of flows is published yet');
      expect((await run('rollback', '--by', 'Ana')).code).to.equal(flowsExitCodes.notFound);
      const topics = path.join(dir, 'flows');
      writeTopics(topics, { 'greeting.yaml': greeting('Hello') });
      await run('publish', topics, '--by', 'Ana');
      const again = await run('publish', topics, '--by', 'Ben');
      expect(again.code).to.equal(flowsExitCodes.done);
      expect(again.out).to.match(/^flows version [0-9a-f]{16} is already published; nothing changed\.$/);
      const noPrevious = await run('rollback', '--by', 'Ana');
      expect(noPrevious.code).to.equal(flowsExitCodes.notFound);
      expect(noPrevious.err).to.contain('there is no earlier version to roll back to');
      const unknown = await run('rollback', '--to', 'deadbeef', '--by', 'Ana');
      expect(unknown.code).to.equal(flowsExitCodes.notFound);
      expect(unknown.err).to.contain('No kept flows version is "deadbeef"');
      expect((await server((v) => v.audit('flows'))).length).to.equal(1);
    });

    it('exports the published version, or a named one, into a folder for git', async () => {
      const nothing = await run('export', path.join(dir, 'out'));
      expect(nothing.code).to.equal(flowsExitCodes.notFound);
      expect(nothing.err).to.contain('Nothing of flows is published yet');
      const topics = path.join(dir, 'flows');
      writeTopics(topics, { 'greeting.yaml': greeting('Hello'), 'transfer.yaml': transfer });
      await run('publish', topics, '--by', 'Ana');
      const firstId = bundleId([{ path: 'greeting.yaml', text: greeting('Hello') }, { path: 'transfer.yaml', text: transfer }]);
      writeTopics(topics, { 'greeting.yaml': greeting('Welcome') });
      await run('publish', topics, '--by', 'Ana');

      const out = path.join(dir, 'out');
      writeTopics(out, { 'local.yaml': 'mine\n', 'notes.md': 'kept' });
      const exported = await run('export', out);
      expect(exported.code, exported.err).to.equal(flowsExitCodes.done);
      expect(readFileSync(path.join(out, 'greeting.yaml'), 'utf8')).to.equal(greeting('Welcome'));
      expect(exported.out).to.contain('kept local.yaml: not in version');
      expect(existsSync(path.join(out, 'local.yaml'))).to.equal(true);

      const older = await run('export', out, '--version', firstId.slice(0, 8), '--prune');
      expect(older.code, older.err).to.equal(flowsExitCodes.done);
      expect(older.out).to.contain(`Exported flows version ${firstId}`).and.contain('removed local.yaml');
      expect(readFileSync(path.join(out, 'greeting.yaml'), 'utf8')).to.equal(greeting('Hello'));
      expect(readFileSync(path.join(out, 'transfer.yaml'), 'utf8')).to.equal(transfer);
      expect(existsSync(path.join(out, 'local.yaml'))).to.equal(false);
      expect(existsSync(path.join(out, 'notes.md'))).to.equal(true);
      expect((await run('export', out, '--version', 'ffffffff')).code).to.equal(flowsExitCodes.notFound);
    });
  });
}

describe('npm run flows: checks, bad requests and missing tools', () => {
  let dir: string;
  let topics: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-flows-'));
    topics = path.join(dir, 'flows');
    writeTopics(topics, { 'greeting.yaml': greeting('Hello'), 'greeting.test.yaml': 'user: hi\nbot: Hello\n' });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = (): Record<string, string> => ({ STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'w.db') });

  it('validates and runs flow tests without a store', async () => {
    const valid = await flows({ STORAGE: 'redis' }, fakeTools, 'validate', topics);
    expect(valid.code).to.equal(flowsExitCodes.done);
    expect(valid.out).to.equal('2 flow files are valid.');
    const passing = await flows({}, fakeTools, 'test', topics);
    expect([passing.code, passing.out]).to.deep.equal([flowsExitCodes.done, '1 flow test passed, 0 failed.']);
    writeFileSync(path.join(topics, 'greeting.test.yaml'), 'user: 你好\nbot: 您好\n# FAIL\n');
    const failing = await flows({}, fakeTools, 'test', topics);
    expect(failing.code).to.equal(flowsExitCodes.rejected);
    expect(failing.err).to.equal('FAIL greeting.test.yaml:3 greets in zh-CN: expected "您好" but the bot said "Hello"');
  });

  it('says how to use it, with exit code 2, for a missing or unknown command, a missing --by or folder, or a stray option', async () => {
    const cases = [[], ['deploy'], ['publish', topics], ['publish', topics, '--by', ' '], ['rollback', topics, '--by', 'a'], ['list', '--to', 'x'], ['export'], ['validate', topics, '--by', 'a'], ['list', '--bogus'], ['validate', 'a', 'b']];
    for (const argv of cases) {
      const result = await flows(sqlite(), fakeTools, ...argv);
      expect(result.code, argv.join(' ')).to.equal(flowsExitCodes.usage);
      expect(result.err, argv.join(' ')).to.contain('Usage:');
    }
    expect((await flows(sqlite(), fakeTools, 'publish', topics)).err).to.contain('publish needs --by <name>');
    const missing = await flows(sqlite(), fakeTools, 'validate', path.join(dir, 'nope'));
    expect([missing.code, missing.err]).to.deep.equal([flowsExitCodes.usage, `${path.join(dir, 'nope')} is not a folder`]);
    writeTopics(path.join(dir, 'empty'), { 'README.md': 'no topics' });
    const empty = await flows(sqlite(), fakeTools, 'validate', path.join(dir, 'empty'));
    expect([empty.code, empty.err]).to.deep.equal([flowsExitCodes.rejected, `${path.join(dir, 'empty')} holds no .yaml topic files`]);
    const help = await flows(sqlite(), fakeTools, '--help');
    expect(help.code).to.equal(flowsExitCodes.done);
    expect(help.out).to.contain('npm run flows -- rollback [--to <version>] --by <name>');
  });

  it('says so, with exit code 3, when the store cannot be reached, and 4 when the settings are wrong', async () => {
    const unreachable = await flows({ REDIS_URL: 'redis://127.0.0.1:1' }, fakeTools, 'list');
    expect(unreachable.code).to.equal(flowsExitCodes.storeUnavailable);
    expect(unreachable.err).to.match(/^Cannot open the store: /);
    const memory = await flows({ STORAGE: 'memory' }, fakeTools, 'publish', topics, '--by', 'Ana');
    expect([memory.code, memory.err]).to.deep.equal([flowsExitCodes.configuration, 'STORAGE=memory keeps nothing outside the server process: there is nowhere to publish to. Use SQLite or Redis.']);
    const invalid = await flows({ STORAGE: 'redis' }, fakeTools, 'list');
    expect(invalid.code).to.equal(flowsExitCodes.configuration);
    expect(invalid.err).to.contain('STORAGE=redis needs REDIS_URL');
  });

  it('refuses to validate, test or publish without the validator or test runner, and publishes nothing', async () => {
    const validate = await flows(sqlite(), missingTools, 'validate', topics);
    expect([validate.code, validate.err]).to.deep.equal([flowsExitCodes.toolMissing, 'This build has no flows validator yet (flows/topicLoader.ts is missing); validate, test and publish need it. Nothing was published.']);
    expect((await flows(sqlite(), missingTools, 'test', topics)).err).to.contain('no flow test runner yet');
    expect((await flows(sqlite(), missingTools, 'publish', topics, '--by', 'Ana')).code).to.equal(flowsExitCodes.toolMissing);
    expect(existsSync(path.join(dir, 'w.db')), 'the store is not even opened').to.equal(false);
    expect((await flows(sqlite(), missingTools, 'list')).out, 'listing needs no validator').to.contain('Nothing is published yet');
  });
});

describe('flowTools: loading the validator and the test runner', () => {
  const files: ContentFile[] = [{ path: 'greeting.yaml', text: 'BROKEN' }, { path: 'ok.yaml', text: 'fine' }];

  it('turns the problems of a refusing parseFlowSet into problems with file, path and line', async () => {
    const validate = await flowTools({ validator: '../test/fixtures/publishing/fakeTopicLoader', testRunner: '../nowhere' }).validator();
    expect(await validate(files)).to.deep.equal([{ message: 'the text in this language is missing or empty', file: 'greeting.yaml', path: 'beginDialog.actions[0].text.zh-CN', line: 4, code: 'missing-locale-text' }]);
    expect(await validate([{ path: 'ok.yaml', text: 'fine' }])).to.deep.equal([]);
  });

  it('says the tool is missing when its module or its function is not there', async () => {
    const tools = flowTools({ validator: '../flows/noSuchLoader', testRunner: '../test/fixtures/publishing/notAFlowTool' });
    const noModule = await tools.validator().then(() => new Error('loaded'), (e: Error) => e);
    expect(noModule).to.be.instanceOf(FlowToolMissing);
    expect(noModule.message).to.contain('no flows validator yet').and.contain('noSuchLoader');
    const noFunction = await tools.testRunner().then(() => new Error('loaded'), (e: Error) => e);
    expect(noFunction).to.be.instanceOf(FlowToolMissing);
    expect(noFunction.message).to.contain('does not export runFlowTests');
  });

  it('uses flows/topicLoader.ts by default: a YAML syntax error comes back with its file and line', async () => {
    const validate = await flowTools().validator();
    const problems = await validate([{ path: 'greeting.yaml', text: 'kind: AdaptiveDialog\nbeginDialog: [\n' }]);
    expect(problems.find((p) => p.file === 'greeting.yaml')).to.include({ code: 'yaml-syntax' }).and.have.property('line');
  });
});
