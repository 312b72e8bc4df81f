import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { privacyExitCodes, runPrivacy } from '../../cli/privacy';
import { loadConfig } from '../../config';
import { silentLogger } from '../../logger';
import { customerRef } from '../../privacy/customerRef';
import { allKeys } from '../../storage/keyListing';
import { openStorageBackend } from '../../storage/storageBackend';
import { ConnectorStandIn } from '../support/connectorStandIn';
import { PrivacyScenario } from '../support/privacyScenario';
import type { ScenarioCustomer } from '../support/privacyScenario';
import { requireRedis } from '../support/services';
import { startTestApp } from '../support/testApp';
import { RedisTestClients } from '../storage/redisTestClients';

/** Runs the tool as `npm run privacy -- <argv>` would, with `env` as the environment. */
async function privacy(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  const err: string[] = [];
  const code = await runPrivacy(argv, { out: (t) => (out += t), err: (l) => err.push(l) }, env);
  return { code, out, err: err.join('\n') };
}

/** Every key with its value, and every transcript activity, as JSON text. */
async function everything(env: Record<string, string>): Promise<{ records: Map<string, string>; transcripts: string[] }> {
  const backend = await openStorageBackend(loadConfig(env).storage, silentLogger());
  try {
    const records = new Map<string, string>();
    const keys = await allKeys(backend.storage);
    const items = keys.length > 0 ? await backend.storage.read(keys) : {};
    for (const key of keys) records.set(key, JSON.stringify(items[key]));
    const transcripts: string[] = [];
    for (const channelId of await backend.transcripts.listChannels()) {
      let token: string | undefined;
      do {
        const page = await backend.transcripts.listTranscripts(channelId, token);
        for (const conversation of page.items) {
          let activities: string | undefined;
          do {
            const batch = await backend.transcripts.getTranscriptActivities(channelId, conversation.id, activities);
            transcripts.push(...batch.items.map((a) => JSON.stringify(a)));
            activities = batch.continuationToken || undefined;
          } while (activities);
        }
        token = page.continuationToken || undefined;
      } while (token);
    }
    return { records, transcripts };
  } finally {
    await backend.close();
  }
}

/** Mei Chen in content/customers.yaml: on Web Chat as customer-vip, in Teams as 29:1-demo-mei-chen-teams. */
const meiIds = ['customer-vip', '29:1-demo-mei-chen-teams', '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'];
const mei = {
  web: { userId: 'customer-vip', name: 'Mei', conversationId: 'web-mei', channelId: 'webchat' },
  ticket: { userId: 'customer-vip', name: 'Mei', conversationId: 'web-mei-ticket', channelId: 'webchat' },
  teams: { userId: '29:1-demo-mei-chen-teams', name: 'Mei Chen', conversationId: 'teams-mei', channelId: 'msteams', aadObjectId: '6F1C2B7E-1D2A-4C3B-9E8F-0A1B2C3D4E5F' },
} satisfies Record<string, ScenarioCustomer>;
/** Alex Morgan in content/customers.yaml, whose data must survive Mei's erasure. */
const alex = {
  web: { userId: 'customer-demo', name: 'Alex', conversationId: 'web-alex', channelId: 'webchat' },
  ticket: { userId: 'customer-demo', name: 'Alex', conversationId: 'web-alex-ticket', channelId: 'webchat' },
} satisfies Record<string, ScenarioCustomer>;

/** Drives both customers through everything that stores data: FAQ, no answer, handoff, ticket, offers, Direct Line. */
async function seed(env: Record<string, string>): Promise<void> {
  const customers = await new ConnectorStandIn().start();
  const agents = await new ConnectorStandIn().start();
  const app = await startTestApp(env);
  try {
    const scenario = new PrivacyScenario(app, customers, agents);
    for (const [who, word] of [[mei, 'zebra'], [alex, 'yak']] as const) {
      await scenario.solvedQuestion(who.web);
      await scenario.unanswered(who.web, `is the ${word} lamp waterproof`);
      await scenario.handoff(who.web, { waiting: `${word} still waiting`, toAgent: `${word} hello agent`, fromAgent: `${word} hello customer`, note: `${word} agent note` });
      await scenario.leftMessage(who.ticket, `${word} please call me`);
      await scenario.directLine(who.web.userId, `${word} hello from the web`);
    }
    await scenario.unanswered(mei.teams, 'does the zebra speaker float');
    await scenario.say(mei.web, "don't show me offers");
  } finally {
    await app.stop();
    await customers.stop();
    await agents.stop();
  }
  // Versions before the replay guard moved its ids into the conversation state kept them in documents
  // of their own; a store written by one still has them, and export and forget must find them.
  const backend = await openStorageBackend(loadConfig(env).storage, silentLogger());
  try {
    const at = new Date().toISOString();
    for (const who of [mei, alex]) {
      await backend.storage.write({ [`replay-guard/${who.web.channelId}/${who.web.conversationId}`]: { claims: [{ id: 'legacy-1', at, done: true }], updatedAt: at } });
    }
  } finally {
    await backend.close();
  }
}

/** Matches `text` where it is not part of a longer id, key or hash (letters, digits, `-` and `_`). */
function asWord(text: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_-])${text}(?![A-Za-z0-9_-])`, 'i');
}

/** An export without the moment it was made. */
function exported(text: string): Record<string, unknown> {
  const { generatedAt: _generatedAt, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}

for (const store of ['sqlite', 'redis'] as const) {
  describe(`npm run privacy -- export|forget, on ${store}`, function () {
    this.timeout(120_000);
    let env: Record<string, string>;
    let dir: string;
    let redis: RedisTestClients | undefined;
    let alexBefore: Record<string, unknown>;

    before(async function () {
      dir = mkdtempSync(path.join(tmpdir(), `warmline-privacy-${store}-`));
      if (store === 'redis') {
        redis = new RedisTestClients(await requireRedis(this));
        env = { STORAGE: 'redis', REDIS_URL: process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: redis.prefix, SQLITE_PATH: path.join(dir, 'analytics.db') };
      } else env = { STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'warmline.db') };
      await seed(env);
      const before = await privacy(env, 'export', 'customer-demo');
      expect(before.code).to.equal(0);
      alexBefore = exported(before.out);
    });
    after(async () => {
      await redis?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('exports everything of one customer, under every identity, and nothing of anyone else', async () => {
      const file = path.join(dir, 'mei.json');
      const result = await privacy(env, 'export', '29:1-demo-mei-chen-teams', '--out', file);
      expect(result.code, result.err).to.equal(privacyExitCodes.done);
      expect(result.err).to.contain(`Wrote the data of 29:1-demo-mei-chen-teams`);
      expect(statSync(file).mode & 0o077, 'readable by its owner only').to.equal(0);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as {
        customer: { customerId: string; userIds: string[]; aadObjectIds: string[] };
        records: Array<{ key: string; kind: string }>;
        sharedRecords: Array<{ kind: string; entries: unknown }>;
        transcripts: Array<{ channelId: string; conversationId: string }>;
        mentionedInOtherConversations: Array<{ channelId: string; activities: unknown[] }>;
      };
      expect(doc.customer).to.deep.include({ customerId: 'customer-vip', userIds: ['customer-vip', '29:1-demo-mei-chen-teams'], aadObjectIds: [meiIds[2]] });
      expect(new Set(doc.records.map((r) => r.kind))).to.include.all.keys('conversation', 'user', 'handoff', 'ticket', 'contacts', 'offer-history', 'offer-decisions', 'directline', 'replay-guard');
      expect(doc.sharedRecords.map((s) => s.kind)).to.include.members(['learning', 'ticket-index']);
      expect(doc.transcripts.map((t) => `${t.channelId}/${t.conversationId}`)).to.include.members(['webchat/web-mei', 'webchat/web-mei-ticket', 'msteams/teams-mei']);
      expect(doc.transcripts.some((t) => t.channelId === 'directline')).to.equal(true);
      expect(doc.mentionedInOtherConversations.map((m) => m.channelId)).to.deep.equal(['msteams']);
      const text = JSON.stringify(doc);
      for (const mine of ['zebra still waiting', 'zebra hello agent', 'zebra hello customer', 'zebra agent note', 'zebra please call me', 'zebra hello from the web', 'does the zebra speaker float', 'is the zebra lamp waterproof']) {
        expect(text, mine).to.contain(mine);
      }
      for (const theirs of ['customer-demo', 'yak', 'Alex']) expect(text, theirs).to.not.contain(theirs);
      // The same document, whichever identity the request names.
      const byCustomerId = await privacy(env, 'export', 'customer-vip');
      expect({ ...exported(byCustomerId.out), customer: undefined }).to.deep.equal({ ...exported(readFileSync(file, 'utf8')), customer: undefined });
    });

    it('forgets one customer everywhere and leaves the other exactly as they were', async () => {
      const result = await privacy(env, 'forget', 'customer-vip');
      expect(result.code, result.err).to.equal(privacyExitCodes.done);
      const summary = JSON.parse(result.out) as { erased: Record<string, number>; remaining: number };
      expect(summary.remaining).to.equal(0);
      expect(summary.erased.records).to.be.greaterThan(10);
      expect(summary.erased.conversations).to.be.at.least(4);
      expect(summary.erased.activities).to.be.greaterThan(0);
      expect(summary.erased.analyticsEvents, 'analytics events').to.be.greaterThan(0);
      expect(result.err).to.contain('remove it there');

      const { records, transcripts } = await everything(env);
      const all = [...[...records].map(([k, v]) => `${k} ${v}`), ...transcripts].join('\n');
      const refs = ['customer-vip', '29:1-demo-mei-chen-teams'].map(customerRef);
      for (const trace of [...meiIds, ...refs, 'zebra']) expect(all.toLowerCase(), trace).to.not.contain(trace.toLowerCase());
      // Her name as a word: random ids and hashes hold "mei" inside them now and then (a failed CI run
      // once found it in one), so a bare substring check would fail by chance.
      for (const name of ['Mei Chen', 'Mei']) expect(all.match(asWord(name)), name).to.equal(null);
      if (store === 'sqlite') {
        const file = env.SQLITE_PATH ?? '';
        const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
        for (const trace of ['zebra', 'customer-vip', '29:1-demo-mei-chen-teams']) expect(bytes.includes(trace), `${trace} in the file's bytes`).to.equal(false);
      }

      // Alex's data is all still there, unchanged.
      expect(all).to.contain('yak still waiting').and.contain('yak please call me').and.contain('yak hello from the web');
      const after = await privacy(env, 'export', 'customer-demo');
      expect(exported(after.out)).to.deep.equal(alexBefore);
      expect((await privacy(env, 'export', 'customer-vip')).err).to.contain('Nothing found for customer-vip');
    });
  });
}

describe('npm run privacy: bad requests', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-privacy-bad-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = (): Record<string, string> => ({ STORAGE: 'sqlite', SQLITE_PATH: path.join(dir, 'w.db') });

  it('says how to use it, with exit code 2, for a missing or unknown command, a missing id or a stray option', async () => {
    for (const argv of [[], ['erase', 'x'], ['export'], ['forget', ' '], ['export', 'a', 'b'], ['forget', 'a', '--out', 'f.json'], ['export', 'a', '--bogus']]) {
      const result = await privacy(sqlite(), ...argv);
      expect(result.code, argv.join(' ')).to.equal(privacyExitCodes.usage);
      expect(result.err, argv.join(' ')).to.contain('Usage:');
    }
    const help = await privacy(sqlite(), '--help');
    expect(help.code).to.equal(0);
    expect(help.out).to.contain('npm run privacy -- forget <customer id>');
  });

  it('says so, with exit code 3, when the store cannot be reached, and 4 when the settings are wrong', async () => {
    const unreachable = await privacy({ REDIS_URL: 'redis://127.0.0.1:1' }, 'export', 'customer-vip');
    expect(unreachable.code).to.equal(privacyExitCodes.storeUnavailable);
    expect(unreachable.err).to.match(/^Cannot open the store: .*127\.0\.0\.1:1/);
    const invalid = await privacy({ ...sqlite(), RECORD_RETENTION_DAYS: 'forever' }, 'export', 'customer-vip');
    expect(invalid.code).to.equal(privacyExitCodes.configuration);
    expect(invalid.err).to.contain('RECORD_RETENTION_DAYS');
    const memory = await privacy({ STORAGE: 'memory' }, 'forget', 'customer-vip');
    expect(memory.code).to.equal(privacyExitCodes.configuration);
    expect(memory.err).to.contain('nothing to export or erase');
    const badFile = await privacy({ ...sqlite(), CUSTOMERS_FILE: path.join(dir, 'missing.yaml') }, 'export', 'customer-vip');
    expect(badFile.code).to.equal(privacyExitCodes.configuration);
    expect(badFile.err).to.contain('missing.yaml');
  });

  it('answers an unknown customer with an empty export, not an error', async () => {
    const result = await privacy(sqlite(), 'export', 'dl_never-seen');
    expect(result.code).to.equal(0);
    expect(JSON.parse(result.out)).to.deep.include({ customer: { requested: 'dl_never-seen', userIds: ['dl_never-seen'], aadObjectIds: [] }, records: [], transcripts: [] });
    expect(result.err).to.contain('Nothing found for dl_never-seen');
  });
});
