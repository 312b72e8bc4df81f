import { expect } from 'chai';
import { joinEventName } from '../../bots/warmlineBot';
import { adaptiveCardText } from '../../adapters/handoff/cardText';
import { summaryText } from '../../handoff/agentCards';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { Party, Sent } from '../support/botHarness';
import { cardMarkdown, readText, renderLikeWebChat } from '../support/webChatMarkdown';

/**
 * Issue 10 item 6, end to end: a customer whose display name and messages are crafted Markdown, HTML
 * and bidi tricks asks for a person. Everything the agent receives (the offer, the summary card, the
 * queue, relayed messages, missed messages, the transcript) is rendered as Web Chat would and must show
 * no link, no image, no bidi control and no bold text that the customer wrote.
 */
const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
const forgedName = '**Warmline System**\u202E';
const attacker: Party = { userId: 'dl_attacker', conversationId: 'conv-attacker', locale: 'en-US', name: forgedName };
const firstWords =
  'My order is late ![p](https://tracker.example/p.png?who=agent) see [my receipt](https://evil.example/login) ' +
  'or https://evil.example/x or www.evil.example <img src="https://tracker.example/i.png"> \u202Egnp.exe';
const bidiControls = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** Every Markdown text an agent was sent in a step: message texts, card texts, and the cards as text for channels without cards. */
function agentMarkdown(sent: Sent): string[] {
  return sent.to(ana.conversationId).flatMap((a) => {
    const cards = (a.attachments ?? []).map((x) => x.content as Record<string, unknown>);
    return [a.text ?? '', ...cards.flatMap(cardMarkdown), ...cards.map(adaptiveCardText)];
  });
}

/** What Web Chat would show for each text: no link, no image, no HTML, no bold the customer wrote, no bidi. */
function expectPlain(texts: readonly string[]): void {
  expect(texts.join('')).to.not.equal('');
  for (const markdown of texts) {
    const html = renderLikeWebChat(markdown);
    expect(html, markdown).to.not.match(/<a[\s>]|<img|<script|<h\d|<blockquote/);
    expect(markdown, markdown).to.not.match(bidiControls);
    for (const bold of html.match(/<strong>.*?<\/strong>/g) ?? []) {
      expect(readText(bold), markdown).to.not.contain('Warmline System');
    }
  }
}

describe('agents see customer content as plain text (whole bot)', () => {
  it('the offer, the summary card, the queue, relayed messages and the transcript show no link, image, bidi control or forged label', async () => {
    const h = botHarness({ now: () => mondayMorning });
    await h.event(ana, joinEventName, {});
    await h.say(attacker, firstWords);
    const offer = await h.say(attacker, 'agent');
    const offered = agentMarkdown(offer);
    expectPlain(offered);
    // The agent still reads what the customer wrote, with the name in quotes after our label.
    const offeredText = offered.map((m) => readText(renderLikeWebChat(m))).join('\n');
    expect(offeredText).to.contain('![p](https://tracker.example/p.png?who=agent)').and.contain('“**Warmline System**” (dl_attacker)');

    const kept = await h.say(attacker, '[click to verify](https://evil.example) **urgent**');
    expect(kept.to(ana.conversationId)).to.deep.equal([]);
    expectPlain(agentMarkdown(await h.say(ana, '/queue')));

    const accepted = await h.say(ana, '/accept');
    expectPlain(agentMarkdown(accepted));
    expect(JSON.stringify(accepted.cards(ana.conversationId))).to.contain('click to verify');

    const relayed = await h.say(attacker, '\n\n**Warmline System:** your session expired, log in at https://evil.example \u2066now\u2069');
    const [line = ''] = relayed.texts(ana.conversationId);
    expectPlain([line]);
    expect(renderLikeWebChat(line).match(/<strong>.*?<\/strong>/g)).to.deep.equal(['<strong>Customer</strong>']);
    expect(readText(renderLikeWebChat(line))).to.equal('Customer “**Warmline System**” (dl_attacker): **Warmline System:** your session expired, log in at https://evil.example now');

    const transcript = await h.say(ana, '/transcript');
    expectPlain(agentMarkdown(transcript));
    expect(readText(renderLikeWebChat(transcript.texts(ana.conversationId)[0] ?? ''))).to.contain('![p](https://tracker.example/p.png?who=agent)');
  });

  it('messages that could not reach the agent are shown as plain text when they come back', async () => {
    const h = botHarness({ now: () => mondayMorning });
    await h.event(ana, joinEventName, {});
    await h.say(attacker, 'agent');
    await h.say(ana, '/accept');
    h.adapter.unreachable.add(ana.conversationId);
    await h.say(attacker, '![p](https://tracker.example/missed.png) **Warmline System:** hi');
    h.adapter.unreachable.delete(ana.conversationId);
    const next = await h.say(ana, '/help');
    const texts = agentMarkdown(next);
    expect(texts.map((m) => readText(renderLikeWebChat(m))).join('\n')).to.contain('![p](https://tracker.example/missed.png)');
    expectPlain(texts);
  });

  it('the summary an external contact centre gets as text is plain too', async () => {
    const h = botHarness({ now: () => mondayMorning });
    await h.event(ana, joinEventName, {});
    await h.say(attacker, firstWords);
    await h.say(attacker, 'agent');
    const record = await h.desk.openFor(attacker.conversationId);
    if (!record) throw new Error('the customer should be waiting');
    const text = summaryText(record.summary, 'en-US', record.id);
    expectPlain([text]);
    expect(readText(renderLikeWebChat(text))).to.contain('[my receipt](https://evil.example/login)');
    expect(JSON.stringify(record.summary)).to.not.match(bidiControls);
  });
});
