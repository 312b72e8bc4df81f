import { expect } from 'chai';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { ReplayGuard } from '../../adapters/replayGuard';
import { BotStateSession } from '../../bots/botStateSession';
import { TurnLock } from '../../bots/turnLock';
import { SerialQueue } from '../../storage/serialQueue';
import { silentLogger } from '../../logger';

const activity = (id: string | undefined, extra: Partial<Activity> = {}): Activity =>
  ({ type: 'message', id, channelId: 'emulator', conversation: { id: 'conv-r' }, from: { id: 'u' }, text: 'hi', ...extra }) as Activity;

/** One instance's guard and bot state over a store (and a lock) that instances may share. */
function instance(storage: MemoryStorage, lock = new SerialQueue(), keep?: number) {
  const turns = new TurnLock(lock);
  const session = new BotStateSession(new ConversationState(storage), new UserState(storage));
  const guard = new ReplayGuard(turns, session, { logger: silentLogger(), ...(keep ? { keep } : {}) });
  return { turns, session, guard };
}

describe('ReplayGuard: a retried activity runs once', () => {
  let storage: MemoryStorage;
  let runs: string[];

  /** A turn as the adapter runs it: the guard, then the bot, which takes the same lock and saves state at the end even when it fails. */
  const turn = (on: ReturnType<typeof instance>, a: Activity, work: () => Promise<void> = async () => undefined): Promise<void> => {
    const context = new TurnContext(new TestAdapter(), a);
    return on.guard.onTurn(context, () =>
      on.turns.run(context, `${a.channelId}/${a.conversation.id}`, async () => {
        try {
          runs.push(a.id ?? '(none)');
          await work();
        } finally {
          await on.session.save(context);
        }
      }),
    );
  };

  beforeEach(() => {
    storage = new MemoryStorage();
    runs = [];
  });

  it('runs an activity once however often it is delivered, including while the first delivery is still running', async () => {
    const one = instance(storage);
    let release: () => void = () => undefined;
    const first = turn(one, activity('a1'), () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    const retry = turn(one, activity('a1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).to.deep.equal(['a1']);
    release();
    await Promise.all([first, retry]);
    await turn(one, activity('a1'));
    expect(runs).to.deep.equal(['a1']);
  });

  it('skips a retry that reaches another instance sharing the store and the lock, once the first attempt has finished', async () => {
    const lock = new SerialQueue();
    const a = instance(storage, lock);
    const b = instance(storage, lock);
    let release: () => void = () => undefined;
    const first = turn(a, activity('x1'), () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    const retry = turn(b, activity('x1'));
    release();
    await Promise.all([first, retry]);
    expect(runs).to.deep.equal(['x1']);
  });

  it('runs the retry of an attempt that died before its turn was saved (a process killed mid-turn)', async () => {
    const dead = instance(storage);
    // The first attempt's process dies inside the turn: nothing of it reaches the store.
    await dead.guard.onTurn(new TurnContext(new TestAdapter(), activity('a2')), async () => {
      runs.push('a2 (died)');
    });
    await turn(instance(storage), activity('a2'));
    expect(runs).to.deep.equal(['a2 (died)', 'a2']);
  });

  it('counts a turn that failed as done, so its retry does not apologise twice', async () => {
    const one = instance(storage);
    await turn(one, activity('a3'), async () => {
      throw new Error('boom');
    }).catch(() => undefined);
    await turn(instance(storage), activity('a3'));
    expect(runs).to.deep.equal(['a3']);
  });

  it('runs activities without an id, and proactive turns, every time', async () => {
    const one = instance(storage);
    await turn(one, activity(undefined));
    await turn(one, activity(undefined));
    await turn(one, activity('p1', { type: 'event', name: 'continueConversation' }));
    await turn(one, activity('p1', { type: 'event', name: 'continueConversation' }));
    expect(runs).to.deep.equal(['(none)', '(none)', 'p1', 'p1']);
  });

  it('remembers only the last few ids per conversation, in the conversation state', async () => {
    const one = instance(storage, new SerialQueue(), 3);
    for (const id of ['b1', 'b2', 'b3', 'b4']) await turn(one, activity(id));
    // botbuilder's ConversationState key: channel, conversation, and its namespace (empty) after a slash.
    const key = 'emulator/conversations/conv-r/';
    const stored = (await storage.read([key]))[key] as { conversationData: { handledActivityIds: string[] } };
    expect(stored.conversationData.handledActivityIds).to.deep.equal(['b2', 'b3', 'b4']);
    // The forgotten one would run again; the remembered ones do not.
    await turn(instance(storage, new SerialQueue(), 3), activity('b4'));
    expect(runs).to.deep.equal(['b1', 'b2', 'b3', 'b4']);
  });

  it('keeps conversations apart', async () => {
    const one = instance(storage);
    await turn(one, activity('c1'));
    await turn(one, activity('c1', { conversation: { id: 'other' } as Activity['conversation'] }));
    expect(runs).to.deep.equal(['c1', 'c1']);
  });

  it('refuses to be built without its lock or state, or with a keep that is not a positive whole number', () => {
    const turns = new TurnLock(new SerialQueue());
    const session = new BotStateSession(new ConversationState(storage), new UserState(storage));
    expect(() => new ReplayGuard(undefined as never, session, { logger: silentLogger() })).to.throw(TypeError, /turn lock/);
    expect(() => new ReplayGuard(new SerialQueue() as never, session, { logger: silentLogger() })).to.throw(TypeError, /turn lock/);
    expect(() => new ReplayGuard(turns, undefined as never, { logger: silentLogger() })).to.throw(TypeError, /conversation state/);
    expect(() => new ReplayGuard(turns, session, { logger: silentLogger(), keep: 0 })).to.throw(TypeError, /keep/);
  });
});
