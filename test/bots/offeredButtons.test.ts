import { expect } from 'chai';
import path from 'node:path';
import { botHarness, contentDir, mondayMorning } from '../support/botHarness';
import { flowValidation } from '../../app/flowContent';
import type { FlowSet } from '../../flows/flowDefinition';
import { parseFlowSet } from '../../flows/topicLoader';
import { loadRouting } from '../../handoff/routingLoader';
import { isFlowFile, readContentFolder } from '../../publishing/contentFolder';
import type { BotHarness, Party } from '../support/botHarness';
import { joinEventName } from '../../bots/warmlineBot';
import { buttonKey, buttonLabels, isButtonPress, rememberLabels } from '../../bots/offeredButtons';

const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
const li: Party = { userId: 'agent-li', conversationId: 'conv-li' };

async function openSummary(h: BotHarness): Promise<{ issue: string; customerSaid: readonly string[] }> {
  const [record] = await h.desk.deps.handoffs.open();
  if (!record) expect.fail('no open handoff');
  return record.summary;
}

describe('button presses are not what the customer said', () => {
  it('knows the labels of suggested actions and card buttons, and a value makes any message a press', () => {
    const labels = buttonLabels([
      { suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'It arrived damaged', value: 'It arrived damaged' }] } },
      { attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { buttons: [{ type: 'messageBack', title: 'None of these', text: 'None of these', value: {} }] } }] },
    ]);
    expect(labels).to.include('it arrived damaged').and.include('none of these');
    const kept = rememberLabels(['a', 'b'], ['b', 'c']);
    expect(kept).to.deep.equal(['a', 'b', 'c']);
    expect(isButtonPress('  It  ARRIVED damaged ', false, labels)).to.equal(true);
    expect(isButtonPress('it arrived damaged yesterday', false, labels)).to.equal(false);
    expect(isButtonPress('anything', true, [])).to.equal(true);
    expect(buttonKey(' A\tB ')).to.equal('a b');
  });

  it('en: a pressed suggested action, "None of these", a Yes button and "never mind" stay out of "They also said"; the same words typed unprompted do not', async () => {
    const h = botHarness({ now: () => mondayMorning, flows: greetingWithButtons() });
    const c: Party = { userId: 'customer-1', conversationId: 'conv-c1', locale: 'en-US' };
    await h.event(ana, joinEventName, { locale: 'en-US' });
    const greeted = await h.event(c, joinEventName, { locale: 'en-US' });
    expect(JSON.stringify(greeted.to(c.conversationId).map((a) => a.suggestedActions))).to.contain('Track my parcel');
    // Web Chat sends a suggested action's label as the message (imBack).
    await h.say(c, 'Track my parcel');
    await h.say(c, 'My parcel LM-200302 has not arrived');
    // A card or messageBack button carries a value.
    await h.say(c, 'None of these', { warmline: 'faq.none' });
    await h.say(c, 'Yes', { warmline: 'resolution.yes' });
    await h.say(c, 'it is a glass kettle');
    await h.say(c, 'agent');
    let summary = await openSummary(h);
    expect(summary.issue).to.equal('My parcel LM-200302 has not arrived');
    expect(summary.customerSaid).to.deep.equal(['it is a glass kettle']);

    await h.say(c, 'never mind');
    // Typed, not pressed: no button with these words is on screen now, so it is what they said.
    await h.say(c, 'Track my parcel');
    await h.say(c, 'agent');
    summary = await openSummary(h);
    expect(summary.customerSaid).to.deep.equal(['it is a glass kettle', 'Track my parcel']);
  });

  it('zh: 按下的建议回复和“算了”不算客户说的话', async () => {
    const h = botHarness({ now: () => mondayMorning, flows: greetingWithButtons() });
    const c: Party = { userId: 'customer-2', conversationId: 'conv-c2', locale: 'zh-CN' };
    await h.event(li, joinEventName, { locale: 'zh-CN' });
    await h.event(c, joinEventName, { locale: 'zh-CN' });
    await h.say(c, '查询包裹');
    await h.say(c, '我的包裹 LM-200302 还没到');
    await h.say(c, '转人工');
    await h.say(c, '算了');
    await h.say(c, '是玻璃水壶');
    await h.say(c, '转人工');
    const summary = await openSummary(h);
    expect(summary.issue).to.equal('我的包裹 LM-200302 还没到');
    expect(summary.customerSaid).to.deep.equal(['是玻璃水壶']);
  });
});

/** The shipped topics, with a greeting that offers two suggested actions (sent as imBack). */
function greetingWithButtons(): FlowSet {
  const routing = loadRouting(path.join(contentDir, 'routing.yaml'));
  const files = readContentFolder(path.join(contentDir, 'flows'), isFlowFile).map((f) =>
    f.path === 'greeting.yaml'
      ? {
          path: f.path,
          text: `${f.text.trimEnd()}
      buttons:
        - title: { en-US: Track my parcel, zh-CN: 查询包裹 }
        - title: { en-US: Return an item, zh-CN: 退货 }
`,
        }
      : f,
  );
  return parseFlowSet(files, flowValidation(routing));
}
