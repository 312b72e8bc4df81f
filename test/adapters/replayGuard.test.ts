import { expect } from 'chai';
import { MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { ReplayGuard, replayGuardPrefix } from '../../adapters/replayGuard';
import { silentLogger } from '../../logger';

const activity = (id: string | undefined, extra: Partial<Activity> = {}): Activity =>
  ({ type: 'message', id, channelId: 'emulator', conversation: { id: 'conv-r' }, from: { id: 'u' }, text: 'hi', ...extra }) as Activity;

describe('ReplayGuard: a retried activity runs once', () => {
  let storage: MemoryStorage;
  let clock: Date;
  let guard: ReplayGuard;
  let runs: string[];
  const turn = (a: Activity, work: () => Promise<void> = async () => undefined): Promise<void> =>
    guard.onTurn(new TurnContext(new TestAdapter(), a), async () => {
      runs.push(a.id ?? '(none)');
      await work();
    });

  beforeEach(() => {
    storage = new MemoryStorage();
    clock = new Date('2026-12-01T09:00:00Z');
    guard = new ReplayGuard(storage, { logger: silentLogger(), now: () => clock, staleAfterMs: 60_000, keep: 3 });
    runs = [];
  });

  it('runs an activity once however often it is delivered, including while the first delivery is still running', async () => {
    let release: () => void = () => undefined;
    const first = turn(activity('a1'), () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    await turn(activity('a1'));
    release();
    await first;
    await turn(activity('a1'));
    expect(runs).to.deep.equal(['a1']);
  });

  it('runs the retry of an attempt that died with its process (claimed long ago, never finished)', async () => {
    const key = `${replayGuardPrefix}emulator/conv-r`;
    await storage.write({ [key]: { claims: [{ id: 'a2', at: clock.toISOString(), done: false }], updatedAt: clock.toISOString() } });
    await turn(activity('a2'));
    expect(runs).to.deep.equal([]);
    clock = new Date(clock.getTime() + 61_000);
    await turn(activity('a2'));
    expect(runs).to.deep.equal(['a2']);
  });

  it('counts a turn that failed as done, so its retry does not apologise twice', async () => {
    await turn(activity('a3'), async () => {
      throw new Error('boom');
    }).catch(() => undefined);
    await turn(activity('a3'));
    expect(runs).to.deep.equal(['a3']);
  });

  it('runs activities without an id, and proactive turns, every time', async () => {
    await turn(activity(undefined));
    await turn(activity(undefined));
    await turn(activity('p1', { type: 'event', name: 'continueConversation' }));
    await turn(activity('p1', { type: 'event', name: 'continueConversation' }));
    expect(runs).to.deep.equal(['(none)', '(none)', 'p1', 'p1']);
  });

  it('remembers only the last few ids per conversation', async () => {
    for (const id of ['b1', 'b2', 'b3', 'b4']) await turn(activity(id));
    const key = `${replayGuardPrefix}emulator/conv-r`;
    const stored = (await storage.read([key]))[key] as { claims: { id: string }[]; updatedAt: string };
    expect(stored.claims.map((c) => c.id)).to.deep.equal(['b2', 'b3', 'b4']);
    expect(stored.updatedAt).to.equal(clock.toISOString());
  });
});
