import { expect } from 'chai';
import { messageGuardOrder, orderedGuards, runGuards } from '../../bots/messageGuards';
import type { MessageGuard, MessageGuardName } from '../../bots/messageGuards';

/** Guards that record being asked and take the message when their name is in `takers`. */
function guards(takers: readonly MessageGuardName[], asked: MessageGuardName[]): MessageGuard<null>[] {
  return messageGuardOrder.map((name) => ({
    name,
    take: async () => {
      asked.push(name);
      return takers.includes(name);
    },
  }));
}

describe('message guards', () => {
  it('keeps the documented order, with a request for a person before offers and dialogs (P1)', () => {
    expect(messageGuardOrder.indexOf('asks-for-a-person')).to.be.lessThan(messageGuardOrder.indexOf('offer-reply'));
    expect(messageGuardOrder.indexOf('asks-for-a-person')).to.be.lessThan(messageGuardOrder.indexOf('dialog'));
    expect(messageGuardOrder.at(-1)).to.equal('dialog');
  });

  it('puts guards given in any order into the documented one', () => {
    const asked: MessageGuardName[] = [];
    const shuffled = [...guards([], asked)].reverse();
    expect(orderedGuards(shuffled).map((g) => g.name)).to.deep.equal([...messageGuardOrder]);
  });

  it('refuses a list that misses or repeats a guard', () => {
    const asked: MessageGuardName[] = [];
    const all = guards([], asked);
    expect(() => orderedGuards(all.filter((g) => g.name !== 'asks-for-a-person'))).to.throw(/"asks-for-a-person" is missing/);
    expect(() => orderedGuards([...all, all[0] as MessageGuard<null>])).to.throw(/listed twice/);
  });

  it('stops at the first guard that takes the message and says which', async () => {
    const asked: MessageGuardName[] = [];
    const taken = await runGuards(orderedGuards(guards(['asks-for-a-person', 'dialog'], asked)), null);
    expect(taken).to.equal('asks-for-a-person');
    expect(asked).to.deep.equal(['unreadable', 'too-long', 'agent', 'agent-command', 'with-a-person', 'asks-for-a-person']);
  });
});
