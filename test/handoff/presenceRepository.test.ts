import { expect } from 'chai';
import type { AgentPresence } from '../../handoff/handoffRecord';
import { PresenceRepository } from '../../handoff/presenceRepository';
import { at, describeEachStore, testClock } from '../support/handoffStores';

const address = (agentId: string): NonNullable<AgentPresence['address']> => ({
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  conversation: { id: `a:${agentId}` },
  bot: { id: 'warmline' },
});

const signIn = (presence: PresenceRepository, agentId: string, seconds = 0): Promise<AgentPresence> =>
  presence.update(
    agentId,
    (p) => {
      p.address = address(agentId);
    },
    () => ({ agentId, status: 'available', updatedAt: at(seconds) }),
  );

describeEachStore('PresenceRepository', (stores) => {
  it('starts an agent from their initial presence and changes it afterwards', async () => {
    const presence = new PresenceRepository(stores().store);
    expect(await presence.get('ana')).to.equal(undefined);
    expect(await signIn(presence, 'ana')).to.deep.equal({ agentId: 'ana', status: 'available', address: address('ana'), updatedAt: at(0) });
    const away = await new PresenceRepository(stores().other).update(
      'ana',
      (p) => {
        p.status = 'away';
        p.updatedAt = at(60);
      },
      () => {
        throw new Error('ana is known; no initial presence is needed');
      },
    );
    expect(away).to.deep.equal({ agentId: 'ana', status: 'away', address: address('ana'), updatedAt: at(60) });
    expect(await presence.get('ana')).to.deep.equal(away);
  });

  it('lists every agent who signed in, even when they sign in at the same time', async () => {
    const repos = [new PresenceRepository(stores().store), new PresenceRepository(stores().other)];
    const agents = ['ana', 'bo', 'chen', 'dev', 'eli', 'fang', 'gus', 'hui'];
    await Promise.all(agents.map((id, i) => signIn(repos[i % 2] as PresenceRepository, id)));
    expect((await repos[0]?.all())?.map((p) => p.agentId)).to.deep.equal(agents);
  });

  it('gives an agent to only one of two handoffs claiming them at once, 20 times in a row', async () => {
    const clock = testClock();
    const first = new PresenceRepository(stores().store, { now: clock.now });
    const second = new PresenceRepository(stores().other, { now: clock.now });
    await signIn(first, 'ana');
    for (let round = 0; round < 20; round += 1) {
      clock.set(round + 1);
      const [a, b] = await Promise.all([first.claim('ana', `h${round}-a`), second.claim('ana', `h${round}-b`)]);
      expect([a, b].filter(Boolean), `round ${round}`).to.have.length(1);
      const winner = a ? `h${round}-a` : `h${round}-b`;
      expect(await first.get('ana'), `round ${round}`).to.deep.include({ handoffId: winner, updatedAt: at(round + 1) });
      expect(await second.release('ana', winner)).to.equal(true);
    }
    expect((await first.get('ana'))?.handoffId).to.equal(undefined);
  });

  it('frees an agent only from their own handoff', async () => {
    const presence = new PresenceRepository(stores().store);
    await signIn(presence, 'ana');
    expect(await presence.claim('ana', 'h1')).to.equal(true);
    expect(await presence.claim('ana', 'h1'), 'claiming the same handoff again').to.equal(true);
    expect(await presence.claim('ana', 'h2')).to.equal(false);
    expect(await presence.release('ana', 'h2')).to.equal(false);
    expect((await presence.get('ana'))?.handoffId).to.equal('h1');
    expect(await presence.release('ana', 'h1')).to.equal(true);
    expect(await presence.get('ana')).to.not.have.property('handoffId');
    expect(await presence.claim('nobody', 'h1'), 'an agent never seen').to.equal(false);
    expect(await presence.get('nobody')).to.equal(undefined);
  });
});
