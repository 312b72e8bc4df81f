import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActivityTypes } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { flowsExitCodes, runFlows } from '../../cli/flows';
import { botResponses } from '../../bots/responses';
import type { WarmlineApp } from '../../index';
import { ConnectorStandIn, messageActivity } from '../support/connectorStandIn';
import { post, startTestApp } from '../support/testApp';

/**
 * Issue 11's "done when", as an admin does it: copy the default topics, change the greeting and ask
 * a question before the transfer, `npm run flows -- publish`; the running bot uses the edit within
 * 5 s, a customer in the middle of a topic is unaffected, `rollback` restores, both are audited.
 */
describe('an admin edits the default topics of a running bot (publish, rollback, audit)', function () {
  this.timeout(30_000);
  let dir: string;
  let topics: string;
  let env: Record<string, string>;
  let app: WarmlineApp;
  let connector: ConnectorStandIn;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-admin-edit-'));
    topics = path.join(dir, 'flows');
    cpSync(path.resolve(__dirname, '..', '..', 'content', 'flows'), topics, { recursive: true });
    env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db'), FLOWS_DIR: topics };
    connector = await new ConnectorStandIn().start();
    app = await startTestApp(env);
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function say(conversationId: string, text: string, extra: Partial<Activity> = {}): Promise<string[]> {
    const before = connector.messagesIn(conversationId).length;
    expect((await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, conversationId, text, extra))).status).to.equal(200);
    return connector.messagesIn(conversationId).slice(before).map((a) => a.text ?? '');
  }

  let joins = 0;
  /** A new customer joins; returns what the bot greeted them with. */
  async function greetingOfANewCustomer(): Promise<string> {
    const conversationId = `admin-edit-join-${++joins}`;
    const join = { ...messageActivity(connector.serviceUrl, conversationId, ''), type: ActivityTypes.ConversationUpdate, text: undefined, membersAdded: [{ id: `user-${joins}`, name: 'Customer' }] };
    expect((await post(`${app.url}/api/messages`, join)).status).to.equal(200);
    return connector.messagesIn(conversationId).map((a) => a.text ?? '').join('\n');
  }

  /** Greets new customers until the greeting satisfies `done`; fails after 5 s (the bound). */
  async function greetingWithin5s(done: (greeting: string) => boolean): Promise<string> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const greeting = await greetingOfANewCustomer();
      if (done(greeting)) return greeting;
      if (Date.now() > deadline) expect.fail(`the running bot still greets with "${greeting}" 5 s after the publish`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function flows(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runFlows(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('greeting changed and a question before the transfer: live within 5 s, a topic in progress finishes as begun, rollback restores, both audited', async () => {
    expect(await greetingOfANewCustomer()).to.equal(botResponses['en-US'].welcome);
    // A customer is in the middle of "return an item" when the admin publishes.
    expect((await say('admin-edit-return', 'I want to return an item')).join('\n')).to.contain('LM-123456');

    const greetingFile = path.join(topics, 'greeting.yaml');
    writeFileSync(greetingFile, readFileSync(greetingFile, 'utf8').replace(/^( +)en-US: .*$/m, '$1en-US: "Welcome to Lumen! Orders, returns, anything: just ask."').replace(/^( +)zh-CN: .*$/m, '$1zh-CN: 欢迎光临 Lumen！订单、退货，什么都可以问。'));
    const escalateFile = path.join(topics, 'escalate.yaml');
    writeFileSync(
      escalateFile,
      readFileSync(escalateFile, 'utf8').replace(
        '  actions:\n',
        '  actions:\n    - kind: Question\n      id: askOrder\n      variable: topic.orderNumber\n      prompt: { en-US: "Which order is it about? (or say none)", zh-CN: "是哪个订单？（没有请回复“无”）" }\n      entity: text\n',
      ),
    );
    const published = await flows('publish', topics, '--by', 'admin-mei');
    expect(published.code, published.err).to.equal(flowsExitCodes.done);
    expect(published.out).to.contain('2 changed').and.contain('greeting.yaml').and.contain('escalate.yaml');

    expect(await greetingWithin5s((g) => g.startsWith('Welcome to Lumen'))).to.equal('Welcome to Lumen! Orders, returns, anything: just ask.');
    expect(await say('admin-edit-agent', 'agent')).to.deep.equal(['Which order is it about? (or say none)']);
    const handed = (await say('admin-edit-agent', 'LM-200300')).join('\n');
    expect(handed).to.match(/person|message/i);
    // The customer who was mid-topic carries on where they were.
    expect((await say('admin-edit-return', 'LM-200302')).join('\n')).to.match(/item/i);

    const rolledBack = await flows('rollback', '--by', 'admin-mei');
    expect(rolledBack.code, rolledBack.err).to.equal(flowsExitCodes.done);
    expect(await greetingWithin5s((g) => g === botResponses['en-US'].welcome)).to.equal(botResponses['en-US'].welcome);
    expect((await say('admin-edit-agent-2', 'agent')).join('\n')).to.not.contain('Which order is it about');

    const audit = await flows('list', '--audit');
    expect(audit.code, audit.err).to.equal(flowsExitCodes.done);
    const lines = audit.out.split('\n').filter((l) => l.includes('admin-mei'));
    expect(lines.join('\n')).to.match(/publish/i).and.match(/rollback|rolled back/i);
  });

  it('refuses a flow that blocks escalation, reads an unknown variable or lacks its Chinese text, with file and line, and publishes nothing', async () => {
    const broken = path.join(dir, 'broken');
    cpSync(topics, broken, { recursive: true });
    const escalate = path.join(broken, 'escalate.yaml');
    writeFileSync(escalate, readFileSync(escalate, 'utf8').replace('  id: main\n', "  id: main\n  condition: =conversation.tier == 'vip'\n"));
    const greeting = path.join(broken, 'greeting.yaml');
    writeFileSync(greeting, readFileSync(greeting, 'utf8').replace(/^( +)zh-CN: .*\n/m, ''));
    const notResolved = path.join(broken, 'not-resolved.yaml');
    writeFileSync(notResolved, readFileSync(notResolved, 'utf8').replace(/^( +)en-US: .*$/m, '$1en-US: Sorry ${conversation.nickname}, tell me more?'));
    const refused = await flows('publish', broken, '--by', 'admin-mei');
    expect(refused.code).to.equal(flowsExitCodes.rejected);
    expect(refused.err).to.match(/escalate\.yaml:\d+ .*blocks-escalation/);
    expect(refused.err, refused.err).to.match(/not-resolved\.yaml:\d+ .*conversation\.nickname.*unknown-variable/);
    expect(refused.err).to.match(/greeting\.yaml:\d+ .*zh-CN.*missing-locale-text/);
    expect(refused.err).to.contain('nothing was published');
  });
});
