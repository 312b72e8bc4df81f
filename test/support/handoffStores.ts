/**
 * The stores the handoff repositories are tested on (memory, SQLite, Redis), and the handoffs,
 * times and clocks those tests share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import type { HandoffStore } from '../../handoff/handoffRepository';
import type { HandoffSummary } from '../../handoff/handoffSummary';
import { MemoryStorage } from '../../storage/memoryStorage';
import { RedisStorage } from '../../storage/redisStorage';
import { openSqliteDatabase } from '../../storage/sqliteDatabase';
import { SqliteStorage } from '../../storage/sqliteStorage';
import { RedisTestClients } from '../storage/redisTestClients';
import { requireRedis } from './services';

/** A store under test and a second, independent handle on the same data (another connection or file handle). */
export interface HandoffStoreFixture {
  readonly store: HandoffStore;
  readonly other: HandoffStore;
}

interface Backend {
  readonly name: string;
  readonly needsRedis?: boolean;
  open(redisUrl: string): Promise<HandoffStoreFixture & { close(): Promise<void> }>;
}

const backends: readonly Backend[] = [
  {
    name: 'MemoryStorage',
    async open() {
      const entries = new Map();
      return { store: new MemoryStorage(entries), other: new MemoryStorage(entries), close: async () => undefined };
    },
  },
  {
    name: 'SqliteStorage',
    // Two connections to one file: the file's locks, not this process, decide who wins a race.
    async open() {
      const dir = mkdtempSync(path.join(tmpdir(), 'warmline-handoff-'));
      const first = openSqliteDatabase(path.join(dir, 'state.db'));
      const second = openSqliteDatabase(path.join(dir, 'state.db'));
      return {
        store: new SqliteStorage(first),
        other: new SqliteStorage(second),
        close: async () => {
          first.close();
          second.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'RedisStorage',
    needsRedis: true,
    async open(url) {
      const redis = new RedisTestClients(url);
      return { store: new RedisStorage(await redis.connect(), redis.prefix), other: new RedisStorage(await redis.connect(), redis.prefix), close: () => redis.cleanup() };
    },
  },
];

/**
 * Registers `suite` once per store (memory, SQLite, Redis under a unique key prefix); `stores()`
 * gives the current test's fresh, empty store. Redis tests skip locally (and fail in CI) without Redis.
 */
export function describeEachStore(title: string, suite: (stores: () => HandoffStoreFixture) => void): void {
  for (const backend of backends) {
    describe(`${title} (${backend.name})`, function () {
      let url = '';
      let open: (HandoffStoreFixture & { close(): Promise<void> }) | undefined;
      if (backend.needsRedis) {
        before(async function () {
          url = await requireRedis(this);
        });
      }
      beforeEach(async () => {
        open = await backend.open(url);
      });
      afterEach(async () => {
        await open?.close();
        open = undefined;
      });
      suite(() => {
        if (!open) throw new Error('no store is open');
        return open;
      });
    });
  }
}

const t0 = Date.parse('2026-11-23T09:00:00.000Z');

/** ISO time `seconds` after 09:00 UTC on the test day. */
export function at(seconds: number): string {
  return new Date(t0 + seconds * 1000).toISOString();
}

/** A clock the test moves by hand. */
export function testClock(): { now: () => Date; set(seconds: number): void } {
  let current = t0;
  return { now: () => new Date(current), set: (seconds) => (current = t0 + seconds * 1000) };
}

/** A new handoff as the desk makes it: queued at `since` seconds, in `queueId`, for the customer of conversation `conv-<id>`. */
export function newHandoff(id: string, options: { since?: number; priority?: number; queueId?: string; state?: 'queued' | 'rejected' } = {}): HandoffRecord {
  const when = at(options.since ?? 0);
  const state = options.state ?? 'queued';
  const summary: HandoffSummary = {
    who: { id: `user-${id}`, name: 'Mei', locale: 'zh-CN', channelId: 'webchat' },
    issue: '我的包裹还没到',
    customerSaid: [],
    entriesMatched: [],
    tried: [],
    entities: [],
    sentiment: { trend: 'steady', latest: 0, average: 0 },
    reason: 'requested',
    minutesWithBot: 2,
    earlierContacts: [],
    nextStep: 'greet-and-ask',
    generatedAt: when,
  };
  return {
    id,
    state,
    createdAt: when,
    updatedAt: when,
    hub: 'builtin',
    queueId: options.queueId ?? 'general',
    priority: options.priority ?? 0,
    reason: 'requested',
    customer: {
      userId: `user-${id}`,
      name: 'Mei',
      locale: 'zh-CN',
      channelId: 'webchat',
      address: { channelId: 'webchat', serviceUrl: 'http://localhost:3978', conversation: { id: `conv-${id}` }, bot: { id: 'warmline' } },
    },
    summary,
    waitingSince: when,
    waitStartedAt: when,
    messagesWhileWaiting: [],
    notes: [],
    events: [{ at: when, from: 'bot', to: state, by: 'bot', detail: 'requested' }],
  };
}
