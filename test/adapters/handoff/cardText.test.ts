import { expect } from 'chai';
import { adaptiveCardText } from '../../../adapters/handoff/cardText';
import { agentHelpCard, queueCard } from '../../../handoff/agentCards';
import { agentCardText } from '../../../handoff/agentCardText';

describe('adaptiveCardText', () => {
  it('turns the help card into the commands an agent can type', () => {
    const text = adaptiveCardText(agentHelpCard('en-US') as unknown as Record<string, unknown>);
    for (const command of ['/help', '/queue', '/accept', '/transcript', '/note', '/transfer', '/end', '/available', '/away']) expect(text).to.contain(command);
  });

  it('keeps each waiting customer with the command that accepts them, in Chinese too', () => {
    const items = [{ handoffId: '3f2a1b4c-0000-4000-8000-000000000000', customerName: 'Robin', queueName: '综合服务', reason: 'requested' as const, waitingMinutes: 3, priority: 0 }];
    const text = adaptiveCardText(queueCard(items, 'zh-CN') as unknown as Record<string, unknown>);
    expect(text).to.contain('Robin').and.contain('/accept 3f2a1b4c').and.contain(agentCardText['zh-CN'].buttons.accept);
    expect(adaptiveCardText(queueCard([], 'en-US') as unknown as Record<string, unknown>)).to.contain(agentCardText['en-US'].nobodyWaiting);
  });

  it('ignores what it does not understand instead of failing', () => {
    expect(adaptiveCardText({ body: [null, 3, { type: 'Image', url: 'x' }, { type: 'TextBlock', text: 'ok' }], actions: 'nope' })).to.equal('ok');
  });
});
