/**
 * Customers under load: several Direct Line customers asking FAQ questions through the load balancer
 * one after another until told to stop, every answer recorded, and the check that matters after a
 * fault: every message that was acknowledged (2xx) has its reply in the conversation and both are in
 * the stored transcript, unless the reply was the storage-outage apology (the customer was told).
 */
import type { Activity } from 'botbuilder';
import type { TranscriptArchive } from '../../../storage/transcriptArchive';
import type { Cluster } from './cluster';
import { DirectLineCustomer } from './directLineCustomer';
import { shippedBotWording } from './shippedWording';
import type { PostAnswer, SeenActivity } from './directLineCustomer';

/** Questions the bundled store's knowledge answers. */
export const faqQuestions = ['How much is shipping?', 'How long will delivery take?', 'What is your return policy?', 'What payment methods do you accept?'];

/** One message a customer sent and what came back. */
export interface SentMessage {
  readonly customer: DirectLineCustomer;
  readonly text: string;
  readonly answer: PostAnswer;
  /** When the answer came (ISO time), to set against the log of a fault. */
  readonly at: string;
}

/** A running load; `stop()` resolves with everything that was sent. */
export interface CustomerLoad {
  readonly sent: SentMessage[];
  stop(): Promise<SentMessage[]>;
}

/** Starts `count` customers (named `<prefix>-<n>`) asking questions in turn until stopped. */
export async function startCustomerLoad(cluster: Cluster, prefix: string, count: number): Promise<CustomerLoad> {
  const customers = await Promise.all(Array.from({ length: count }, (_, i) => DirectLineCustomer.start(cluster.url, cluster.secret, { id: `${prefix}-${i}`, name: `${prefix} ${i}` })));
  const sent: SentMessage[] = [];
  let running = true;
  const loops = customers.map(async (customer, i) => {
    for (let n = i; running; n++) {
      const text = faqQuestions[n % faqQuestions.length] as string;
      const answer = await customer.say(text);
      sent.push({ customer, text, answer, at: new Date().toISOString() });
      // A refused message is retried by a person a moment later, not in a tight loop.
      if (answer.status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  return {
    sent,
    async stop() {
      running = false;
      await Promise.all(loops);
      return sent;
    },
  };
}

const storageApology = shippedBotWording((r) => r.storageError);

/** The acknowledged messages among `sent`. */
export function acknowledged(sent: readonly SentMessage[]): SentMessage[] {
  return sent.filter((m) => m.answer.status === 200 && m.answer.id !== undefined);
}

/**
 * What went missing of the acknowledged messages: a reply the customer cannot see, or the message
 * or its reply absent from the stored transcript. Empty when nothing was lost.
 */
export async function lostOfAcknowledged(cluster: Cluster, sent: readonly SentMessage[]): Promise<string[]> {
  const lost: string[] = [];
  const byCustomer = new Map<DirectLineCustomer, SentMessage[]>();
  for (const m of acknowledged(sent)) byCustomer.set(m.customer, [...(byCustomer.get(m.customer) ?? []), m]);
  for (const [customer, messages] of byCustomer) {
    const last = messages[messages.length - 1] as SentMessage;
    // The conversation as a read that shows the last acknowledged reply has it: every earlier reply must be there too.
    let seen: SeenActivity[] = [];
    const lastId = last.answer.id as string;
    await customer
      .waitFor((a) => a.replyToId === lastId && a.type === 'message', `${customer.userId}'s reply to its last acknowledged message`, 15_000, (all) => (seen = all))
      .catch(async () => (seen = await customer.activities()));
    const transcript = await cluster.withStore((store) => allTranscript(store.transcripts, customer.conversationId));
    for (const m of messages) {
      const id = m.answer.id as string;
      // A turn that failed for storage was answered with the outage apology: the customer was told it did not reach us.
      if (seen.some((a) => a.replyToId === id && a.text === storageApology)) continue;
      if (!seen.some((a) => a.replyToId === id && a.type === 'message')) lost.push(`${customer.userId} cannot see the reply to ${id} ("${m.text}")`);
      const reply = seen.find((a) => a.replyToId === id && a.type === 'message')?.text?.slice(0, 60);
      if (!transcript.some((a) => a.id === id)) lost.push(`the transcript lacks ${customer.userId}'s ${id} ("${m.text}", answered ${m.at}, replied "${reply}")`);
      if (!transcript.some((a) => a.replyToId === id && a.type === 'message')) lost.push(`the transcript lacks the reply to ${customer.userId}'s ${id} ("${reply}")`);
    }
  }
  return lost;
}

async function allTranscript(transcripts: TranscriptArchive, conversationId: string): Promise<Activity[]> {
  const all: Activity[] = [];
  let token: string | undefined;
  do {
    const page = await transcripts.getTranscriptActivities('directline', conversationId, token);
    all.push(...page.items);
    token = page.continuationToken || undefined;
  } while (token);
  return all;
}
