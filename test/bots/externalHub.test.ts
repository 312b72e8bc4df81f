import { expect } from 'chai';
import type { Activity, Transcript } from 'botbuilder';
import { handoffStatusEventName, joinEventName } from '../../bots/warmlineBot';
import { contactResponses } from '../../dialogs/contactResponses';
import { resolutionResponses } from '../../dialogs/resolutionResponses';
import { agentCardText } from '../../handoff/agentCardText';
import type { HandoffRecord } from '../../handoff/handoffRecord';
import { agentHandoffResponses, customerHandoffResponses } from '../../handoff/responses';
import { botHarness, mondayMorning } from '../support/botHarness';
import type { BotHarness, Party, Sent } from '../support/botHarness';

const ana: Party = { userId: 'agent-ana', conversationId: 'conv-ana' };
const webChat = (n: number, locale = 'en-US'): Party => ({ userId: `customer-${n}`, conversationId: `conv-c${n}`, channelId: 'directline', locale });
const teams = (n: number): Party => ({ userId: `customer-${n}`, conversationId: `conv-c${n}`, channelId: 'msteams', locale: 'en-US' });

const card = '4111 1111 1111 1111';

/** What the hub gets in `handoff.initiate`. */
interface InitiateValue {
  readonly handoffId: string;
  readonly queue: string;
  readonly reason: string;
  readonly priority: number;
  readonly summary: HandoffRecord['summary'];
  readonly summaryText: string;
}

/** A clock the test moves. */
function clock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (minutes: number) => (now += minutes * 60_000) };
}

/** A bot whose people work in an external contact centre, with a built-in agent signed in too. */
async function externalBot(now: () => Date = () => mondayMorning): Promise<BotHarness> {
  const h = botHarness({ hub: 'external', now });
  await h.event(ana, joinEventName, {});
  return h;
}

const initiations = (sent: Sent, conversationId: string): Partial<Activity>[] => sent.to(conversationId).filter((a) => a.type === 'event' && a.name === 'handoff.initiate');
const messages = (sent: Sent, conversationId: string): string[] => sent.to(conversationId).flatMap((a) => (a.type === 'message' ? [a.text ?? ''] : []));

/** The open handoff of a customer's conversation. */
function record(h: BotHarness, party: Party): Promise<HandoffRecord | undefined> {
  return h.desk.openFor(party.conversationId);
}

/** A handoff by id, open or finished. */
async function anyRecord(h: BotHarness, id: string): Promise<HandoffRecord> {
  const found = await h.desk.deps.handoffs.get(id);
  if (!found) throw new Error(`no handoff ${id}`);
  return found;
}

describe('external contact-centre hub (whole bot)', () => {
  describe('on Web Chat', () => {
    it('asks the hub with handoff.initiate carrying the summary and the transcript, tells the customer, and offers nothing to built-in agents', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'How do I reset my password?');
      const sent = await h.say(c, 'agent');

      const [initiate] = initiations(sent, c.conversationId);
      const open = await record(h, c);
      expect(open).to.include({ hub: 'external', state: 'queued' });
      const value = initiate?.value as InitiateValue;
      expect(value).to.deep.include({ handoffId: open?.id, queue: 'general', reason: 'requested', priority: 0 });
      expect(value.summary).to.deep.equal(open?.summary);
      expect(value.summary.issue).to.contain('How do I reset my password');
      expect(value.summaryText).to.contain(agentCardText['en-US'].fields.issue).and.contain('How do I reset my password');

      expect(initiate?.attachments).to.have.length(1);
      const [transcript] = initiate?.attachments ?? [];
      expect(transcript).to.include({ contentType: 'application/json', name: 'Transcript' });
      const lines = ((transcript?.content as Transcript).activities ?? []).map((a) => `${a.from?.id}: ${a.text}`);
      // Order is not asserted: the TestAdapter stamps incoming activities with the real time, replies use the pinned clock.
      expect(lines).to.include('customer-1: How do I reset my password?');
      expect(lines.some((l) => l.startsWith('warmline-bot:') && l.includes('Forgot password'))).to.equal(true);

      expect(messages(sent, c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].hubRequested]);
      expect(sent.to(ana.conversationId)).to.deep.equal([]);
      expect((await h.say(ana, '/accept')).texts(ana.conversationId)).to.deep.equal([agentHandoffResponses['en-US'].nobodyWaiting]);
      expect(JSON.stringify((await h.say(ana, '/queue')).cards(ana.conversationId))).to.contain(agentCardText['en-US'].nobodyWaiting);
    });

    it('zh: tells the customer in Chinese and gives the hub a Chinese summary', async () => {
      const h = await externalBot();
      const c = webChat(2, 'zh-CN');
      await h.say(c, '我的订单 12345678 还没到');
      const sent = await h.say(c, '转人工');
      expect(messages(sent, c.conversationId)).to.deep.equal([customerHandoffResponses['zh-CN'].hubRequested]);
      const value = initiations(sent, c.conversationId)[0]?.value as InitiateValue;
      expect(value.summaryText).to.contain(agentCardText['zh-CN'].fields.issue).and.contain('12345678');
    });

    // Once a bug: the attached transcript carried raw activities (P10).
    it('masks sensitive values in the transcript sent to the hub', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, `I was charged twice on ${card}`);
      const sent = await h.say(c, 'agent');
      const attached = JSON.stringify(initiations(sent, c.conversationId)[0]?.attachments);
      expect(attached).to.contain('I was charged twice on').and.to.not.contain(card);
    });

    it('asking again does not start a second handoff but is answered; other messages are left to the hub', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      const again = await h.say(c, 'agent');
      expect(again.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].hubRequested]);
      expect(await h.desk.deps.handoffs.open()).to.have.length(1);
      const chat = await h.say(c, 'My order number is 12345678');
      expect(chat.activities).to.deep.equal([]);
    });

    it('"never mind" while the hub has not answered leaves the wait, and the bot is back', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      const sent = await h.say(c, 'never mind');
      expect(sent.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].cancelled]);
      expect(await h.desk.deps.handoffs.open()).to.deep.equal([]);
    });

    it('gives up on a hub that never answered, apologises and offers a message or a callback; an accepted one is not timed out', async () => {
      const time = clock(mondayMorning);
      const h = await externalBot(time.now);
      const silent = webChat(1);
      const served = webChat(2);
      await h.say(silent, 'agent');
      await h.say(served, 'agent');
      await h.hubEvent(served, { state: 'accepted' });
      time.advance(9);
      expect((await h.sweep()).activities).to.deep.equal([]);
      time.advance(2);
      const swept = await h.sweep();
      expect(swept.all(silent.conversationId)).to.contain(contactResponses['en-US'].hubFailed('General help')).and.contain(contactResponses['en-US'].leaveMessage);
      expect(swept.to(served.conversationId)).to.deep.equal([]);
      expect((await record(h, served))?.state).to.equal('assigned');
    });
  });

  describe('handoff.status', () => {
    it('"accepted" moves the handoff to assigned with the hub agent’s name', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      const sent = await h.hubEvent(c, { state: 'accepted', agentName: 'Jo', message: 'routed to billing' });
      expect(sent.to(ana.conversationId)).to.deep.equal([]);
      expect(sent.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].hubAccepted('Jo')]);
      const assigned = await record(h, c);
      expect(assigned).to.include({ state: 'assigned', agentName: 'Jo' });
      expect(assigned?.events.at(-1)).to.include({ from: 'queued', to: 'assigned', by: 'hub', detail: 'routed to billing' });
    });

    it('"completed" resolves it and the bot asks whether the issue is solved, naming the hub agent (en)', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      const id = (await record(h, c))?.id ?? '';
      await h.hubEvent(c, { state: 'accepted' });
      const sent = await h.hubEvent(c, { state: 'completed', agentName: 'Jo' });
      expect(sent.all(c.conversationId)).to.contain(resolutionResponses['en-US'].askAfterAgent('Jo'));
      expect((await anyRecord(h, id)).state).to.equal('resolved');
      expect(await h.desk.openFor(c.conversationId)).to.equal(undefined);
      expect((await h.say(c, 'yes, thanks')).all(c.conversationId)).to.contain(resolutionResponses['en-US'].askCsat);
    });

    it('zh: "completed" straight from the queue names the agent the hub accepted with, or a generic agent', async () => {
      const h = await externalBot();
      const named = webChat(1, 'zh-CN');
      await h.say(named, '转人工');
      await h.hubEvent(named, { state: 'accepted', agentName: '小周' });
      expect((await h.hubEvent(named, { state: 'completed' })).all(named.conversationId)).to.contain(resolutionResponses['zh-CN'].askAfterAgent('小周'));

      const unnamed = webChat(2, 'zh-CN');
      await h.say(unnamed, '人工客服');
      const id = (await record(h, unnamed))?.id ?? '';
      const sent = await h.hubEvent(unnamed, { state: 'completed' });
      expect(sent.all(unnamed.conversationId)).to.contain(resolutionResponses['zh-CN'].askAfterAgent(customerHandoffResponses['zh-CN'].genericAgentName));
      expect((await anyRecord(h, id)).state).to.equal('resolved');
    });

    it('"failed" rejects it; the bot apologises and offers a message or a callback, and takes the message', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      const id = (await record(h, c))?.id ?? '';
      const sent = await h.hubEvent(c, { state: 'failed', message: 'no agents in hub' });
      const said = sent.all(c.conversationId);
      expect(said).to.contain("I'm sorry").and.contain(contactResponses['en-US'].leaveMessage).and.contain(contactResponses['en-US'].bookCallback);
      const rejected = await anyRecord(h, id);
      expect(rejected.state).to.equal('rejected');
      expect(rejected.events.at(-1)).to.include({ by: 'hub', detail: 'no agents in hub' });

      await h.say(c, 'Leave a message');
      await h.say(c, 'Please e-mail me about my refund');
      const [ticket] = await h.desk.deps.tickets.list({});
      expect(ticket).to.include({ kind: 'message', queueId: 'general', reason: 'requested', message: 'Please e-mail me about my refund' });
    });

    it('zh: "failed" apologises in Chinese', async () => {
      const h = await externalBot();
      const c = webChat(1, 'zh-CN');
      await h.say(c, '转人工');
      const sent = await h.hubEvent(c, { state: 'failed' });
      expect(sent.all(c.conversationId)).to.contain('抱歉').and.contain(contactResponses['zh-CN'].leaveMessage).and.contain(contactResponses['zh-CN'].bookCallback);
    });

    // Once a bug: a hub failing at once was reported with the timeout wording.
    it('says the team could not be reached, not that a customer whose hub failed at once waited long', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      const sent = await h.hubEvent(c, { state: 'failed' });
      expect(sent.all(c.conversationId)).to.contain(contactResponses['en-US'].hubFailed('General help')).and.to.not.contain(contactResponses['en-US'].timeout('General help'));
      const zhCustomer = webChat(2, 'zh-CN');
      await h.say(zhCustomer, '转人工');
      const zhSent = await h.hubEvent(zhCustomer, { state: 'failed' });
      expect(zhSent.all(zhCustomer.conversationId)).to.contain(contactResponses['zh-CN'].hubFailed('综合服务'));
    });

    it('ignores a malformed status, or one for a conversation without an external handoff, without a reply', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      for (const value of [undefined, null, 'accepted', {}, { state: 'ACCEPTED' }, { state: 7 }, ['completed']]) {
        const sent = await h.hubEvent(c, value);
        expect(sent.activities, JSON.stringify(value)).to.deep.equal([]);
      }
      expect((await record(h, c))?.state).to.equal('queued');

      const stranger = webChat(9);
      expect((await h.hubEvent(stranger, { state: 'completed', agentName: 'Jo' })).activities).to.deep.equal([]);

      const onTeams = teams(3);
      await h.say(onTeams, 'agent');
      expect((await h.hubEvent(onTeams, { state: 'completed' })).activities).to.deep.equal([]);
      expect((await record(h, onTeams))?.state).to.equal('queued');
    });

    it('ignores handoff.status sent by the customer: no fake agent joins, the handoff stays queued (security)', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      for (const value of [{ state: 'accepted', agentName: 'Security Team (verify your card)' }, { state: 'completed' }, { state: 'failed' }]) {
        const sent = await h.event(c, handoffStatusEventName, value);
        expect(sent.activities, JSON.stringify(value)).to.deep.equal([]);
      }
      const open = await record(h, c);
      expect(open?.state).to.equal('queued');
      expect(open?.agentName).to.equal(undefined);
      // The hub itself still can.
      await h.hubEvent(c, { state: 'accepted', agentName: 'Jo' });
      expect((await record(h, c))?.state).to.equal('assigned');
    });

    it('ignores a second "completed" after the handoff is over', async () => {
      const h = await externalBot();
      const c = webChat(1);
      await h.say(c, 'agent');
      await h.hubEvent(c, { state: 'completed', agentName: 'Jo' });
      expect((await h.hubEvent(c, { state: 'completed', agentName: 'Jo' })).activities).to.deep.equal([]);
    });
  });

  describe('on Teams', () => {
    it('sends no handoff.initiate and lets the built-in queue serve the customer', async () => {
      const h = await externalBot();
      const c = teams(1);
      const sent = await h.say(c, 'agent');
      expect(sent.activities.filter((a) => a.name === 'handoff.initiate')).to.deep.equal([]);
      expect(messages(sent, c.conversationId)[0]).to.contain("I'm connecting you with a person");
      expect(sent.texts(ana.conversationId)[0]).to.contain('New conversation waiting');
      expect(await record(h, c)).to.include({ hub: 'builtin', state: 'queued' });

      const taken = await h.say(ana, '/accept');
      expect(taken.texts(c.conversationId)).to.deep.equal([customerHandoffResponses['en-US'].agentJoined('Ana Souza')]);
      expect((await h.say(c, 'Thanks Ana')).texts(ana.conversationId)[0]).to.contain('Thanks Ana');
    });
  });
});
