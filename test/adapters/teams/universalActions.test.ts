import { expect } from 'chai';
import { agentCommandOfInvoke, cardActionResponse, cardForChannel, splitForCardAction } from '../../../adapters/teams/universalActions';
import { agentHelpCard, queueCard } from '../../../handoff/agentCards';
import { readAgentInput } from '../../../handoff/agentCommands';

const handoffId = '3f2a1b4c-1111-4222-8333-944455556666';
const asJson = (card: object): Readonly<Record<string, unknown>> => card as Readonly<Record<string, unknown>>;

describe('universalActions', () => {
  const queue = asJson(queueCard([{ handoffId, customerName: 'Robin', customerId: 'c-1', queueName: 'Orders & delivery', reason: 'requested', waitingMinutes: 2, priority: 0 }], 'en-US'));

  it('on Teams turns agent command buttons into Action.Execute (verb, {handoffId}) with the Action.Submit as fallback', () => {
    const teams = cardForChannel('msteams', queue) as { body: { items?: { type: string; actions?: unknown[] }[] }[] };
    const actions = teams.body.flatMap((e) => e.items ?? []).filter((i) => i.type === 'ActionSet').flatMap((i) => i.actions ?? []);
    expect(actions).to.deep.equal([
      {
        type: 'Action.Execute',
        title: 'Accept',
        verb: 'accept',
        data: { handoffId },
        fallback: { type: 'Action.Submit', title: 'Accept', data: { warmline: 'agent.command', command: 'accept', handoffId } },
      },
    ]);
    // The card's own actions (the help card's buttons) too, and nothing else changes.
    const help = cardForChannel('msteams', asJson(agentHelpCard('zh-CN'))) as { version: string; actions: { type: string; verb: string; data: object }[] };
    expect(help.version).to.equal('1.4');
    expect(help.actions.map((a) => [a.type, a.verb, a.data])).to.deep.equal([
      ['Action.Execute', 'queue', {}],
      ['Action.Execute', 'available', {}],
      ['Action.Execute', 'away', {}],
      ['Action.Execute', 'transcript', {}],
      ['Action.Execute', 'end', {}],
    ]);
  });

  it('leaves the card alone on Web Chat and other channels (Web Chat 4.18 does nothing on an Execute)', () => {
    for (const channel of ['directline', 'webchat', 'emulator', 'test']) expect(cardForChannel(channel, queue)).to.equal(queue);
  });

  it('reads an Execute invoke back as the command a card button sends, and nothing else', () => {
    const value = agentCommandOfInvoke({ action: { type: 'Action.Execute', verb: 'accept', data: { handoffId } }, trigger: 'manual' });
    expect(readAgentInput('', value)).to.deep.equal({ kind: 'command', command: { name: 'accept', handoffId } });
    expect(readAgentInput('', agentCommandOfInvoke({ action: { type: 'Action.Execute', verb: 'away' } }))).to.deep.equal({ kind: 'command', command: { name: 'away' } });
    expect(readAgentInput('', agentCommandOfInvoke({ action: { type: 'Action.Execute', verb: 'accept', data: { handoffId: '<script>' } } }))).to.deep.equal({ kind: 'bad-command', name: 'accept', problem: 'missing-argument' });
    expect(readAgentInput('', agentCommandOfInvoke({ action: { type: 'Action.Execute', verb: 'rm -rf' } }))).to.deep.equal({ kind: 'bad-command', name: 'rm -rf', problem: 'unknown' });
    for (const bad of [undefined, null, 'accept', {}, { action: null }, { action: { type: 'Action.Submit', verb: 'accept' } }, { action: { type: 'Action.Execute', verb: '' } }, { action: { type: 'Action.Execute', verb: 7 } }]) {
      expect(agentCommandOfInvoke(bad), JSON.stringify(bad)).to.equal(undefined);
    }
  });

  it('answers Accept with the new card in place of the pressed one, and other commands with a line under it', () => {
    const accepted = asJson({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: "You're now helping “Robin”" }] });
    const split = splitForCardAction([{ text: 'You are connected with Robin', card: accepted }, { text: 'Waiting messages: none' }], true);
    expect(split.card).to.equal(accepted);
    expect(split.send).to.deep.equal([{ text: 'You are connected with Robin' }, { text: 'Waiting messages: none' }]);
    expect(cardActionResponse('msteams', split)).to.deep.equal({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: accepted } });

    const queueOnly = splitForCardAction([{ card: queue }], false);
    expect(queueOnly).to.deep.equal({ message: '1 customer waiting', send: [{ card: queue }] });
    expect(cardActionResponse('msteams', { message: 'You are away' })).to.deep.equal({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'You are away' } });
  });
});
