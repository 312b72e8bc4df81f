import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { startWarmline } from '../../index';
import type { WarmlineApp } from '../../index';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { SqliteStorage } from '../../storage/sqliteStorage';
import { LogCapture } from '../storage/logCapture';
import { fixtureKnowledgeDir } from '../support/faqFixture';
import { recordOf } from '../../privacy/recordKinds';
import { RecordRetention } from '../../privacy/recordSweep';
import { defaultRetentionDays } from '../../privacy/retentionPolicy';
import { allKeys } from '../../storage/keyListing';
import { MemoryStorage } from '../../storage/memoryStorage';
import { ETagConflictError } from '../../storage/storageErrors';
import { ConnectorStandIn } from '../support/connectorStandIn';
import { PrivacyScenario } from '../support/privacyScenario';
import type { ScenarioCustomer } from '../support/privacyScenario';
import { fixtureOffersFile, startTestApp } from '../support/testApp';

const day = 86_400_000;

describe('RecordRetention', () => {
  const now = new Date('2027-06-01T12:00:00.000Z');
  const ago = (days: number): string => new Date(now.getTime() - days * day).toISOString();

  it('deletes, trims and stamps in one pass over every key, leaving what is not past its period', async () => {
    const store = new MemoryStorage();
    await store.write({
      'webchat/conversations/old/': { conversationData: { lastSeenAt: ago(40) } },
      'webchat/conversations/new/': { conversationData: { lastSeenAt: ago(1) } },
      'msteams/conversations/undated/': { dialogState: {} },
      'handoff/contacts/u1': { contacts: [{ at: ago(1) }, { at: ago(500) }] },
      'agent-session/c1': { expiresAt: ago(0.5) },
      'host/own-key': { at: ago(9999) },
    });
    const report = await new RecordRetention(store, defaultRetentionDays).sweep(now);
    expect(report).to.deep.equal({ deleted: 2, rewritten: 2, conflicts: 0 });
    expect((await allKeys(store)).sort()).to.deep.equal(['handoff/contacts/u1', 'host/own-key', 'msteams/conversations/undated/', 'webchat/conversations/new/']);
    const items = await store.read(['handoff/contacts/u1', 'msteams/conversations/undated/']);
    expect(items['handoff/contacts/u1']).to.deep.include({ contacts: [{ at: ago(1) }] });
    expect(items['msteams/conversations/undated/']).to.deep.include({ retentionSeenAt: now.toISOString() });
  });

  it('leaves a trim for the next sweep when the record changed after it was read', async () => {
    const store = new MemoryStorage();
    await store.write({ 'handoff/contacts/u1': { contacts: [{ at: ago(1) }, { at: ago(500) }] }, 'webchat/conversations/old/': { conversationData: { lastSeenAt: ago(40) } } });
    const racing = Object.assign(Object.create(store) as MemoryStorage, {
      write: async () => Promise.reject(new ETagConflictError('handoff/contacts/u1')),
    });
    expect(await new RecordRetention(racing, defaultRetentionDays).sweep(now)).to.deep.equal({ deleted: 1, rewritten: 0, conflicts: 1 });
    expect(await allKeys(store)).to.deep.equal(['handoff/contacts/u1']);
  });

  it('lets other work run between batches, even on SQLite, which answers synchronously', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warmline-sweep-'));
    const db = openSqliteDatabase(path.join(dir, 'w.db'));
    try {
      const store = new SqliteStorage(db);
      const items: Record<string, unknown> = {};
      for (let i = 0; i < 1000; i += 1) items[`webchat/conversations/c${i}/`] = { conversationData: { lastSeenAt: ago(i % 60) } };
      await store.write(items);
      let sweeping = true;
      let turns = 0;
      const otherWork = (): void => {
        turns += 1;
        if (sweeping) setImmediate(otherWork);
      };
      setImmediate(otherWork);
      const report = await new RecordRetention(store, defaultRetentionDays).sweep(now);
      sweeping = false;
      expect(report.deleted, 'idle 31 to 59 days').to.equal(473);
      expect(turns, 'other work ran while the sweep read its 10 batches').to.be.at.least(9);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a store that cannot list its keys', () => {
    expect(() => new RecordRetention({ read: async () => ({}), write: async () => undefined, delete: async () => undefined } as never, defaultRetentionDays)).to.throw(TypeError, /list its keys/);
  });
});

describe('retention over what the whole app stores', () => {
  let customers: ConnectorStandIn;
  let agents: ConnectorStandIn;
  let app: WarmlineApp;

  before(async function () {
    this.timeout(60_000);
    customers = await new ConnectorStandIn().start();
    agents = await new ConnectorStandIn().start();
    app = await startTestApp();
    const scenario = new PrivacyScenario(app, customers, agents);
    const mei: ScenarioCustomer = { userId: 'customer-demo', name: 'Alex', conversationId: 'web-retention-1', channelId: 'webchat' };
    const kim: ScenarioCustomer = { userId: 'customer-kim', name: 'Kim', conversationId: 'web-retention-2', channelId: 'webchat' };
    await scenario.solvedQuestion(mei);
    await scenario.unanswered(mei, 'is the volcano lamp waterproof');
    await scenario.handoff(mei, { waiting: 'still waiting', toAgent: 'hello', fromAgent: 'hi there', note: 'a note' });
    await scenario.leftMessage(kim, 'call me back please');
    await scenario.say(mei, "don't show me offers");
    await scenario.directLine('dl-visitor', 'hello from the web');
  });
  after(async () => {
    await app.stop();
    await customers.stop();
    await agents.stop();
  });

  const keysOf = async (): Promise<string[]> => allKeys(app.storage.storage);
  const kindsOf = (keys: readonly string[]): string[] => [...new Set(keys.map((k) => recordOf(k).kind))].sort();

  it('knows every kind of record the app wrote', async () => {
    const keys = await keysOf();
    expect(keys.filter((k) => recordOf(k).kind === 'other'), 'keys of no known kind').to.deep.equal([]);
    expect(kindsOf(keys)).to.include.members(['conversation', 'user', 'handoff', 'ticket', 'ticket-index', 'contacts', 'offer-history', 'offer-decisions', 'directline', 'learning']);
  });

  it('removes conversations and Direct Line conversations after 30 days, and every customer record after its period, except a standing objection', async () => {
    const retention = new RecordRetention(app.storage.storage, defaultRetentionDays);
    await retention.sweep(new Date(Date.now() + 31 * day));
    const month = kindsOf(await keysOf());
    expect(month.filter((k) => ['conversation', 'directline', 'replay-guard'].includes(k))).to.deep.equal([]);
    expect(month).to.include.members(['user', 'handoff', 'ticket', 'contacts', 'offer-history']);

    await retention.sweep(new Date(Date.now() + 3 * 365 * day));
    const keys = await keysOf();
    const gone = ['conversation', 'user', 'handoff', 'ticket', 'contacts', 'offer-decisions', 'directline', 'agent-session', 'replay-guard'];
    expect(kindsOf(keys).filter((k) => gone.includes(k))).to.deep.equal([]);
    // "Don't show me offers" stands until the customer says otherwise (P6): only the objection is kept.
    const histories = keys.filter((k) => recordOf(k).kind === 'offer-history');
    const kept = await app.storage.storage.read(histories);
    expect(Object.values(kept).map((h) => (h as { impressions: unknown[] }).impressions)).to.deep.equal(histories.map(() => []));
    expect(Object.values(kept).every((h) => (h as { objection?: unknown }).objection !== undefined)).to.equal(true);
    const learning = await app.storage.storage.read(keys.filter((k) => recordOf(k).kind === 'learning'));
    expect(JSON.stringify(learning)).to.not.contain('volcano');
    const [tickets] = Object.values(await app.storage.storage.read(['handoff/tickets']));
    expect(tickets).to.deep.include({ entries: [] });
  });
});

describe('the server applies record retention', () => {
  it('at start: an expired agent session and a conversation idle past its period are gone, a recent one stays', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warmline-retention-'));
    const file = path.join(dir, 'warmline.db');
    const db = openSqliteDatabase(file);
    const ago = (days: number): string => new Date(Date.now() - days * day).toISOString();
    await new SqliteStorage(db).write({
      'agent-session/conv-1': { conversationId: 'conv-1', userId: 'agent-ana', agentId: 'ana', expiresAt: ago(0.1) },
      'webchat/conversations/idle/': { conversationData: { lastSeenAt: ago(45) } },
      'webchat/conversations/recent/': { conversationData: { lastSeenAt: ago(2) } },
    });
    db.close();
    const log = new LogCapture();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'sqlite', SQLITE_PATH: file, NODE_ENV: 'test', KNOWLEDGE_DIR: fixtureKnowledgeDir, OFFERS_FILE: fixtureOffersFile });
    const app = await startWarmline(config, { logger: log.logger });
    try {
      expect(await log.waitFor('records past retention removed or trimmed')).to.include({ task: 'records', changed: 2 });
      expect((await allKeys(app.storage.storage)).filter((k) => !['other', 'admin-content'].includes(recordOf(k).kind))).to.deep.equal(['webchat/conversations/recent/']);
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
