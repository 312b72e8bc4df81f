import { expect } from 'chai';
import { canMove, handoffMoves } from '../../handoff/handoffRecord';
import type { HandoffActor, HandoffRecord, HandoffState } from '../../handoff/handoffRecord';
import { HandoffRepository, queueStatsLimit } from '../../handoff/handoffRepository';
import type { HandoffStore } from '../../handoff/handoffRepository';
import { handoffStoreErrorCodes } from '../../handoff/handoffStoreErrors';
import { MemoryStorage } from '../../storage/memoryStorage';
import { ETagConflictError } from '../../storage/storageErrors';
import { at, describeEachStore, newHandoff, testClock } from '../support/handoffStores';

const allStates = Object.keys(handoffMoves) as HandoffState[];

/** Moves that bring a fresh queued handoff to each state (`bot` cannot be created, so it is stored directly). */
const pathTo: Record<Exclude<HandoffState, 'bot'>, HandoffState[]> = {
  queued: [],
  assigned: ['assigned'],
  transferred: ['assigned', 'transferred'],
  resolved: ['assigned', 'resolved'],
  cancelled: ['cancelled'],
  expired: ['expired'],
  rejected: ['rejected'],
};

async function storedIn(repo: HandoffRepository, store: HandoffStore, id: string, state: HandoffState): Promise<HandoffRecord> {
  if (state === 'bot') {
    const record: HandoffRecord = { ...newHandoff(id), state: 'bot', events: [] };
    await store.write({ [`handoff/record/${id}`]: record });
    return record;
  }
  await repo.create(newHandoff(id));
  for (const step of pathTo[state]) {
    const moved = await repo.move(id, step, 'agent:ana', { change: (r) => (step === 'assigned' ? Object.assign(r, { agentId: 'ana', assignedAt: at(0) }) : undefined) });
    expect(moved.ok, `setting up ${state}`).to.equal(true);
  }
  return (await repo.get(id)) as HandoffRecord;
}

async function rawIndex(store: HandoffStore): Promise<Array<{ id: string; state: string; queueId: string; priority: number; conversationId: string }>> {
  const doc = (await store.read(['handoff/index']))['handoff/index'] as { entries: Array<{ id: string; state: string; queueId: string; priority: number; conversationId: string }> } | undefined;
  return doc?.entries ?? [];
}

describeEachStore('HandoffRepository', (stores) => {
  describe('creating', () => {
    it('stores a new queued handoff and finds it by its customer conversation', async () => {
      const repo = new HandoffRepository(stores().store);
      const created = await repo.create(newHandoff('h1'));
      expect(created).to.deep.equal(newHandoff('h1'));
      expect(await repo.get('h1')).to.deep.equal(newHandoff('h1'));
      expect((await new HandoffRepository(stores().other).findOpenByConversation('conv-h1'))?.id).to.equal('h1');
      expect(await repo.findOpenByConversation('conv-other')).to.equal(undefined);
      expect(await repo.get('missing')).to.equal(undefined);
    });

    it('keeps a rejected handoff but not among the open ones', async () => {
      const repo = new HandoffRepository(stores().store);
      await repo.create(newHandoff('r1', { state: 'rejected' }));
      expect((await repo.get('r1'))?.state).to.equal('rejected');
      expect(await repo.open()).to.deep.equal([]);
      expect(await repo.findOpenByConversation('conv-r1')).to.equal(undefined);
      expect(await rawIndex(stores().store)).to.deep.equal([]);
    });

    it('refuses a new handoff that does not start the way the state machine starts', async () => {
      const repo = new HandoffRepository(stores().store);
      const assigned: HandoffRecord = { ...newHandoff('x1'), state: 'assigned', events: [{ at: at(0), from: 'queued', to: 'assigned', by: 'agent:ana' }] };
      const fromAgent: HandoffRecord = { ...newHandoff('x2'), events: [{ at: at(0), from: 'queued', to: 'queued', by: 'bot' }] };
      const noEvents: HandoffRecord = { ...newHandoff('x3'), events: [] };
      for (const bad of [assigned, fromAgent, noEvents]) {
        const error = await repo.create(bad).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, bad.id).to.have.property('code', handoffStoreErrorCodes.invalidRecord);
        expect(await repo.get(bad.id), bad.id).to.equal(undefined);
      }
    });

    it('refuses a second handoff with the same id, or a second open one for the same conversation', async () => {
      const repo = new HandoffRepository(stores().store);
      await repo.create(newHandoff('h1'));
      const again = await repo.create({ ...newHandoff('h1'), queueId: 'billing' }).catch((e: unknown) => e);
      expect(again).to.have.property('code', handoffStoreErrorCodes.duplicate);
      const sameConversation = { ...newHandoff('h2'), customer: newHandoff('h1').customer };
      expect(await repo.create(sameConversation).catch((e: unknown) => e)).to.have.property('code', handoffStoreErrorCodes.alreadyOpen);
      expect((await repo.get('h1'))?.queueId).to.equal('general');
      expect(await repo.get('h2')).to.equal(undefined);
    });

    it('refuses a second open handoff for the same customer from another conversation, and finds the first by customer', async () => {
      const repo = new HandoffRepository(stores().store);
      await repo.create(newHandoff('h1'));
      const sameCustomer = (id: string, channelId: string): HandoffRecord => {
        const fresh = newHandoff(id);
        return { ...fresh, customer: { ...fresh.customer, userId: 'user-h1', channelId } };
      };
      expect(await repo.create(sameCustomer('h2', 'webchat')).catch((e: unknown) => e)).to.have.property('code', handoffStoreErrorCodes.alreadyOpen);
      expect(await repo.get('h2')).to.equal(undefined);
      // The same user id on another channel is another person.
      await repo.create(sameCustomer('h3', 'msteams'));
      expect((await new HandoffRepository(stores().other).findOpenByCustomer('webchat', 'user-h1'))?.id).to.equal('h1');
      expect((await repo.findOpenByCustomer('msteams', 'user-h1'))?.id).to.equal('h3');
      expect(await repo.findOpenByCustomer('webchat', 'user-h2')).to.equal(undefined);
    });
  });

  describe('following the customer', () => {
    it('moves an open handoff to the customer\'s new conversation: found there, no longer in the old one, same customer', async () => {
      const repo = new HandoffRepository(stores().store);
      await storedIn(repo, stores().store, 'f1', 'assigned');
      await repo.update('f1', (r) => {
        Object.assign(r.customer, { address: { ...r.customer.address, conversation: { id: 'conv-new' } } });
      });
      const other = new HandoffRepository(stores().other);
      expect((await other.findOpenByConversation('conv-new'))?.id).to.equal('f1');
      expect(await other.findOpenByConversation('conv-f1')).to.equal(undefined);
      expect((await other.findOpenByCustomer('webchat', 'user-f1'))?.customer.address.conversation.id).to.equal('conv-new');
    });

    it('forgets the customer once the handoff is closed, so they may ask again', async () => {
      const repo = new HandoffRepository(stores().store);
      await repo.create(newHandoff('c1'));
      await repo.move('c1', 'cancelled', 'customer');
      expect(await repo.findOpenByCustomer('webchat', 'user-c1')).to.equal(undefined);
      const again = newHandoff('c2');
      await repo.create({ ...again, customer: { ...again.customer, userId: 'user-c1' } });
      expect((await repo.findOpenByCustomer('webchat', 'user-c1'))?.id).to.equal('c2');
    });
  });

  describe('moving', () => {
    for (const from of allStates) {
      for (const to of allStates) {
        const legal = canMove(from, to);
        it(`${legal ? 'allows' : 'refuses'} ${from} → ${to}`, async () => {
          const clock = testClock();
          const repo = new HandoffRepository(stores().store, { now: clock.now });
          const before = await storedIn(repo, stores().store, 'm1', from);
          clock.set(60);
          const result = await repo.move('m1', to, 'system', { detail: 'table' });
          const after = (await repo.get('m1')) as HandoffRecord;
          if (legal) {
            expect(result).to.deep.include({ ok: true, previous: from });
            expect(after.state).to.equal(to);
            expect(after.events.at(-1)).to.deep.equal({ at: at(60), from, to, by: 'system', detail: 'table' });
            expect(after.events).to.have.length(before.events.length + 1);
          } else {
            expect(result).to.deep.include({ ok: false, code: 'illegal-move' });
            expect(after).to.deep.equal(before);
          }
        });
      }
    }

    it('refuses a move the machine allows when the handoff is not in one of the expected states', async () => {
      const repo = new HandoffRepository(stores().store);
      await storedIn(repo, stores().store, 'm1', 'assigned');
      const result = await repo.move('m1', 'cancelled', 'customer', { from: ['queued', 'transferred'] });
      expect(result).to.deep.include({ ok: false, code: 'illegal-move' });
      expect((await repo.get('m1'))?.state).to.equal('assigned');
      expect(await repo.move('nobody', 'assigned', 'agent:ana')).to.deep.equal({ ok: false, code: 'not-found' });
    });

    it('records every move with its time, who made it and why, and keeps the index in step', async () => {
      const clock = testClock();
      const repo = new HandoffRepository(stores().store, { now: clock.now });
      await repo.create(newHandoff('h1'));
      clock.set(30);
      await repo.move('h1', 'assigned', 'agent:ana', { change: (r) => Object.assign(r, { agentId: 'ana', agentName: 'Ana', assignedAt: at(30) }) });
      clock.set(90);
      await repo.move('h1', 'transferred', 'agent:ana', { detail: 'queue:billing', change: (r) => Object.assign(r, { queueId: 'billing', agentId: undefined, waitStartedAt: at(90) }) });
      expect(await rawIndex(stores().store)).to.deep.equal([{ id: 'h1', state: 'transferred', queueId: 'billing', priority: 0, waitingSince: at(0), conversationId: 'conv-h1', channelId: 'webchat', userId: 'user-h1' }]);
      clock.set(100);
      await repo.move('h1', 'assigned', 'agent:bo', { change: (r) => Object.assign(r, { agentId: 'bo', assignedAt: at(100) }) });
      clock.set(400);
      await repo.move('h1', 'resolved', 'agent:bo');
      const record = (await repo.get('h1')) as HandoffRecord;
      expect(record.events).to.deep.equal([
        { at: at(0), from: 'bot', to: 'queued', by: 'bot', detail: 'requested' },
        { at: at(30), from: 'queued', to: 'assigned', by: 'agent:ana' },
        { at: at(90), from: 'assigned', to: 'transferred', by: 'agent:ana', detail: 'queue:billing' },
        { at: at(100), from: 'transferred', to: 'assigned', by: 'agent:bo' },
        { at: at(400), from: 'assigned', to: 'resolved', by: 'agent:bo' },
      ]);
      expect(record).to.deep.include({ updatedAt: at(400), queueId: 'billing', agentId: 'bo' });
      expect(await rawIndex(stores().store)).to.deep.equal([]);
      expect(await repo.findOpenByConversation('conv-h1')).to.equal(undefined);
    });

    it('lets exactly one of two agents accepting at once take the customer, 20 times in a row', async () => {
      const ana = new HandoffRepository(stores().store);
      const bo = new HandoffRepository(stores().other);
      const accept = (repo: HandoffRepository, id: string, agent: string) =>
        repo.move(id, 'assigned', `agent:${agent}` as HandoffActor, { from: ['queued', 'transferred'], change: (r) => Object.assign(r, { agentId: agent, agentName: agent }) });
      for (let round = 0; round < 20; round += 1) {
        const id = `race-${round}`;
        await ana.create(newHandoff(id));
        const [a, b] = await Promise.all([accept(ana, id, 'ana'), accept(bo, id, 'bo')]);
        const winners = [a, b].filter((r) => r.ok);
        expect(winners, `round ${round}`).to.have.length(1);
        const winner = a.ok ? 'ana' : 'bo';
        const loser = a.ok ? b : a;
        expect(loser, `round ${round}`).to.deep.include({ ok: false, code: 'illegal-move' });
        expect(loser.record?.agentId, `round ${round}: the loser sees who took it`).to.equal(winner);
        const stored = (await ana.get(id)) as HandoffRecord;
        expect(stored.agentId).to.equal(winner);
        expect(stored.events.filter((e) => e.to === 'assigned'), `round ${round}`).to.have.length(1);
      }
    });
  });

  describe('updating', () => {
    it('loses no message when 20 arrive at once through two instances', async () => {
      const repos = [new HandoffRepository(stores().store), new HandoffRepository(stores().other)];
      await repos[0]?.create(newHandoff('h1'));
      const texts = Array.from({ length: 20 }, (_, i) => `message ${i}`);
      await Promise.all(
        texts.map((text, i) =>
          repos[i % 2]?.update('h1', (r) => {
            r.messagesWhileWaiting.push({ at: at(i), text });
          }),
        ),
      );
      const kept = ((await repos[0]?.get('h1')) as HandoffRecord).messagesWhileWaiting.map((m) => m.text);
      expect([...kept].sort()).to.deep.equal([...texts].sort());
    });

    it('writes nothing when the change says so, and refuses to change the state', async () => {
      const clock = testClock();
      const repo = new HandoffRepository(stores().store, { now: clock.now });
      await repo.create(newHandoff('h1'));
      clock.set(50);
      expect(await repo.update('h1', () => false)).to.deep.equal(newHandoff('h1'));
      expect(await repo.update('nobody', () => undefined)).to.equal(undefined);
      const error = await repo
        .update('h1', (r) => {
          r.state = 'assigned';
        })
        .catch((e: unknown) => e);
      expect(error).to.have.property('code', handoffStoreErrorCodes.invalidChange);
      expect(await repo.get('h1')).to.deep.equal(newHandoff('h1'));
      const told = await repo.update('h1', (r) => {
        r.lastToldPosition = 3;
      });
      expect(told).to.deep.include({ lastToldPosition: 3, updatedAt: at(50) });
      expect(await repo.get('h1')).to.deep.equal(told);
    });

    it('keeps the index in step when a change moves the handoff to another queue', async () => {
      const repo = new HandoffRepository(stores().store);
      await repo.create(newHandoff('h1'));
      await repo.update('h1', (r) => {
        r.queueId = 'billing';
        r.targetAgentId = 'bo';
      });
      expect((await repo.waiting('billing')).map((r) => r.id)).to.deep.equal(['h1']);
      expect(await repo.waiting('general')).to.deep.equal([]);
      expect(await rawIndex(stores().store)).to.deep.equal([{ id: 'h1', state: 'queued', queueId: 'billing', priority: 0, waitingSince: at(0), targetAgentId: 'bo', conversationId: 'conv-h1', channelId: 'webchat', userId: 'user-h1' }]);
    });
  });

  describe('index', () => {
    it('lists exactly the open handoffs after many concurrent creates and moves on two instances', async () => {
      const repos = [new HandoffRepository(stores().store), new HandoffRepository(stores().other)];
      const repo = (i: number): HandoffRepository => repos[i % 2] as HandoffRepository;
      const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
      await Promise.all(ids.map((id, i) => repo(i).create(newHandoff(id, { since: i, queueId: i % 3 === 0 ? 'billing' : 'general' }))));
      await Promise.all(ids.map((id, i) => (i % 2 === 0 ? repo(i + 1).move(id, 'assigned', 'agent:ana') : i % 4 === 1 ? repo(i).move(id, 'cancelled', 'customer') : Promise.resolve())));
      await Promise.all(ids.map((id, i) => (i % 4 === 0 ? repo(i).move(id, 'resolved', 'agent:ana') : Promise.resolve())));
      const records = (await Promise.all(ids.map((id) => repos[0]?.get(id)))) as HandoffRecord[];
      const open = records.filter((r) => ['queued', 'assigned', 'transferred'].includes(r.state));
      expect(open.map((r) => r.id).sort()).to.deep.equal(['c10', 'c11', 'c2', 'c3', 'c6', 'c7']);
      const index = await rawIndex(stores().store);
      expect(index.map((e) => [e.id, e.state, e.queueId]).sort()).to.deep.equal(open.map((r) => [r.id, r.state, r.queueId]).sort());
      expect((await repo(1).open()).map((r) => r.id)).to.deep.equal(['c2', 'c3', 'c6', 'c7', 'c10', 'c11']);
      expect((await repo(0).waiting()).map((r) => r.id)).to.deep.equal(['c3', 'c7', 'c11']);
      expect((await repo(0).waiting('general')).map((r) => r.id)).to.deep.equal(['c7', 'c11']);
    });
  });

  describe('queue order', () => {
    it('serves a higher tier first, then whoever has waited longest', async () => {
      const repo = new HandoffRepository(stores().store);
      await repo.create(newHandoff('early', { since: 0 }));
      await repo.create(newHandoff('later', { since: 60 }));
      await repo.create(newHandoff('vip', { since: 120, priority: 10 }));
      await repo.update('early', (r) => {
        r.messagesWhileWaiting.push({ at: at(200), text: 'still there?' });
      });
      await repo.create(newHandoff('other-queue', { since: 10, queueId: 'billing' }));
      expect((await repo.waiting('general')).map((r) => r.id)).to.deep.equal(['vip', 'early', 'later']);
      expect((await repo.waiting()).map((r) => r.id)).to.deep.equal(['vip', 'early', 'other-queue', 'later']);
    });

    it('keeps a transferred customer in their original place', async () => {
      const clock = testClock();
      const repo = new HandoffRepository(stores().store, { now: clock.now });
      await repo.create(newHandoff('first', { since: 0 }));
      await repo.create(newHandoff('second', { since: 30 }));
      clock.set(60);
      await repo.move('first', 'assigned', 'agent:ana', { change: (r) => Object.assign(r, { agentId: 'ana', assignedAt: at(60) }) });
      expect((await repo.waiting()).map((r) => r.id)).to.deep.equal(['second']);
      clock.set(300);
      await repo.move('first', 'transferred', 'agent:ana', { change: (r) => Object.assign(r, { waitStartedAt: at(300) }) });
      const waiting = await repo.waiting();
      expect(waiting.map((r) => r.id)).to.deep.equal(['first', 'second']);
      expect(waiting[0]).to.deep.include({ waitingSince: at(0), waitStartedAt: at(300) });
    });
  });

  describe('statistics', () => {
    it('records each wait when an agent accepts and each handle time when the agent finishes or transfers', async () => {
      const clock = testClock();
      const repo = new HandoffRepository(stores().store, { now: clock.now });
      await repo.create(newHandoff('h1'));
      clock.set(90);
      await repo.move('h1', 'assigned', 'agent:ana', { change: (r) => Object.assign(r, { assignedAt: at(90) }) });
      clock.set(390);
      await repo.move('h1', 'transferred', 'agent:ana', { change: (r) => Object.assign(r, { queueId: 'billing', assignedAt: undefined, waitStartedAt: at(390) }) });
      clock.set(410);
      await repo.move('h1', 'assigned', 'agent:bo', { change: (r) => Object.assign(r, { assignedAt: at(410) }) });
      clock.set(530);
      await repo.move('h1', 'resolved', 'agent:bo');
      await repo.create(newHandoff('h2', { since: 600 }));
      clock.set(700);
      await repo.move('h2', 'cancelled', 'customer');
      expect(await repo.stats('general')).to.deep.equal({ waitSeconds: [90], handleSeconds: [300] });
      expect(await repo.stats('billing')).to.deep.equal({ waitSeconds: [20], handleSeconds: [120] });
      expect(await repo.stats('empty')).to.deep.equal({ waitSeconds: [], handleSeconds: [] });
    });

    it(`keeps only the last ${queueStatsLimit} of each`, async () => {
      const clock = testClock();
      const repo = new HandoffRepository(stores().store, { now: clock.now });
      for (let i = 1; i <= queueStatsLimit + 5; i += 1) {
        const start = i * 1000;
        await repo.create(newHandoff(`s${i}`, { since: start }));
        clock.set(start + i);
        await repo.move(`s${i}`, 'assigned', 'agent:ana', { change: (r) => Object.assign(r, { assignedAt: at(start + i) }) });
        clock.set(start + i + 2 * i);
        await repo.move(`s${i}`, 'resolved', 'agent:ana');
      }
      const stats = await repo.stats('general');
      const kept = Array.from({ length: queueStatsLimit }, (_, k) => k + 6);
      expect(stats.waitSeconds).to.deep.equal(kept);
      expect(stats.handleSeconds).to.deep.equal(kept.map((i) => 2 * i));
    });
  });
});

describe('HandoffRepository under constant contention', () => {
  it('gives a move up as a conflict after its retries, writing nothing', async () => {
    const memory = new MemoryStorage();
    await new HandoffRepository(memory).create(newHandoff('h1'));
    let writes = 0;
    const busy: HandoffStore = {
      read: (keys) => memory.read(keys),
      write: async () => {
        writes += 1;
        throw new ETagConflictError('handoff/record/h1');
      },
    };
    const result = await new HandoffRepository(busy, { maxRetries: 2 }).move('h1', 'assigned', 'agent:ana');
    expect(result).to.deep.include({ ok: false, code: 'conflict' });
    expect(result.record?.state).to.equal('queued');
    expect(writes).to.equal(3);
    expect((await new HandoffRepository(memory).get('h1'))?.state).to.equal('queued');
    const update = await new HandoffRepository(busy, { maxRetries: 1 }).update('h1', (r) => void (r.lastToldPosition = 1)).catch((e: unknown) => e);
    expect(update).to.have.property('code', handoffStoreErrorCodes.conflict);
  });
});
