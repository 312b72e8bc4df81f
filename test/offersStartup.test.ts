import { expect } from 'chai';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../config';
import { startWarmline } from '../index';
import type { WarmlineApp } from '../index';
import { resolutionResponses } from '../dialogs/resolutionResponses';
import { inHoldout } from '../offers/holdout';
import { OfferCatalogueError, offerCatalogueErrorCodes } from '../offers/offerCatalogueLoader';
import type { OfferReport } from '../offers/offerMetrics';
import type { OfferDecision } from '../offers/offerDecision';
import { offerResponses } from '../offers/responses';
import { ConnectorStandIn, messageActivity } from './support/connectorStandIn';
import { freePort, post, startTestApp } from './support/testApp';
import { LogCapture } from './storage/logCapture';

const repoRoot = path.join(__dirname, '..');
const shippedKnowledge = path.join(repoRoot, 'content', 'knowledge');
const shippedOffers = path.join(repoRoot, 'content', 'offers.yaml');
const adminCode = 'offers-startup-admin-code';
/** A demo customer in content/customers.yaml whose profile fits the Club offer after a delivery question. */
const demoCustomer = 'customer-demo';

/** A request the stand-in webhook receiver got. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** The system behind OFFER_WEBHOOK_URL: answers every request with `status` (or never), and tells when one arrives. */
class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly events = new EventEmitter();
  private readonly hanging: ServerResponse[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly status: number | 'hang' = 200) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = { headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> };
        this.received.push(received);
        this.events.emit('received', received);
        if (this.status === 'hang') this.hanging.push(res);
        else {
          res.writeHead(this.status);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/offer-accepted`;
    return this;
  }

  /** Resolves once `count` requests have arrived (at once if they already have). */
  async waitFor(count: number): Promise<Received[]> {
    while (this.received.length < count) await new Promise((resolve) => this.events.once('received', resolve));
    return this.received;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The error start-up stopped with; fails the test when it started. */
async function startFailure(env: Record<string, string>): Promise<OfferCatalogueError> {
  let app: WarmlineApp | undefined;
  try {
    app = await startTestApp(env);
  } catch (error) {
    expect(error).to.be.instanceOf(OfferCatalogueError);
    return error as OfferCatalogueError;
  }
  await app.stop();
  expect.fail('Warmline started');
}

/** True when nothing listens on the port any more (a new server can take it). */
async function portIsFree(port: number): Promise<boolean> {
  const probe = createServer();
  const free = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

describe('start-up with offers', () => {
  let dir: string;
  let connector: ConnectorStandIn;
  const apps: WarmlineApp[] = [];
  const receivers: WebhookReceiver[] = [];

  before(async () => {
    connector = await new ConnectorStandIn().start();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'warmline-offers-startup-'));
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    await Promise.all(receivers.splice(0).map((r) => r.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
  after(() => connector.stop());

  const receiver = async (status: number | 'hang' = 200): Promise<WebhookReceiver> => {
    const started = await new WebhookReceiver(status).start();
    receivers.push(started);
    return started;
  };
  const started = <T extends WarmlineApp>(app: T): T => {
    apps.push(app);
    return app;
  };
  /** Starts Warmline on the shipped knowledge, customers and (unless `offersFile` says otherwise) offers. */
  const startShipped = (env: Record<string, string> = {}): Promise<WarmlineApp> =>
    startTestApp({ KNOWLEDGE_DIR: shippedKnowledge, OFFERS_FILE: shippedOffers, ADMIN_ACCESS_CODE: adminCode, ...env }).then(started);

  /** The catalogue file in a temporary folder, written from an object. */
  const writeOffers = (document: unknown): string => {
    const file = path.join(dir, 'offers.yaml');
    writeFileSync(file, stringify(document));
    return file;
  };

  /** Posts what the customer types (or clicks) and returns the messages the bot sent in that turn. */
  async function say(app: WarmlineApp, conversationId: string, text: string, value?: unknown, from = demoCustomer): Promise<Partial<Activity>[]> {
    const before = connector.messagesIn(conversationId).length;
    const answer = await post(`${app.url}/api/messages`, messageActivity(connector.serviceUrl, conversationId, text, { from: { id: from, name: 'Alex' }, ...(value !== undefined ? { value } : {}) }));
    expect(answer.status, `"${text}" was taken`).to.be.oneOf([200, 201, 202]);
    return connector.messagesIn(conversationId).slice(before);
  }

  /** The offer card's decision id and title among `sent`, or undefined when no offer was shown. */
  function offerIn(sent: Partial<Activity>[]): { decisionId: string; title: string } | undefined {
    const cards = sent.flatMap((a) => a.attachments ?? []).map((a) => a.content as { body?: { text?: string; weight?: string }[]; actions?: { data?: { warmline?: string; decisionId?: string } }[] });
    const offers = cards.filter((c) => c.actions?.some((a) => a.data?.warmline === 'offer.reply'));
    expect(offers.length, 'at most one offer card').to.be.at.most(1);
    const [card] = offers;
    if (!card) return undefined;
    return { decisionId: card.actions?.[0]?.data?.decisionId ?? '', title: card.body?.find((b) => b.weight === 'Bolder')?.text ?? '' };
  }

  /** "How long will delivery take?" → "yes" → "5": the demo customer's path to the Club offer. Returns what the rating turn sent. */
  async function solveDelivery(app: WarmlineApp, conversationId: string, from = demoCustomer): Promise<Partial<Activity>[]> {
    const answered = await say(app, conversationId, 'How long will delivery take?', undefined, from);
    expect(answered.map((a) => a.text)).to.include(resolutionResponses['en-US'].askAfterAnswer);
    const yes = await say(app, conversationId, 'yes', undefined, from);
    expect(offerIn(yes), 'no offer before the rating').to.equal(undefined);
    return say(app, conversationId, '5', undefined, from);
  }

  const api = async <T>(app: WarmlineApp, pathAndQuery: string): Promise<T> => {
    const response = await fetch(`${app.url}${pathAndQuery}`, { headers: { Authorization: `Bearer ${adminCode}` } });
    expect(response.status, pathAndQuery).to.equal(200);
    return (await response.json()) as T;
  };
  const clubFigures = async (app: WarmlineApp) => (await api<OfferReport>(app, '/api/offers/report')).offers.find((o) => o.offerId === 'club-membership');

  describe('a catalogue that cannot be used stops start-up', () => {
    it('names the file and the path of every problem, before anything listens or is opened', async () => {
      const document = parse(readFileSync(shippedOffers, 'utf8')) as { offers: Record<string, unknown>[] };
      document.offers[0]!.value = -5;
      delete (document.offers[1]!.title as Record<string, unknown>)['zh-CN'];
      const file = writeOffers(document);
      const port = await freePort();
      const sqlite = path.join(dir, 'never-opened.db');
      const error = await startFailure({ KNOWLEDGE_DIR: shippedKnowledge, OFFERS_FILE: file, PORT: String(port), STORAGE: 'sqlite', SQLITE_PATH: sqlite });
      expect(error.code).to.equal(offerCatalogueErrorCodes.invalid);
      expect(error.message).to.contain(file).and.contain('offers[0].value').and.contain('offers[1].title.zh-CN');
      expect(await portIsFree(port), 'nothing left listening').to.equal(true);
      expect(existsSync(sqlite), 'storage not opened').to.equal(false);
    });

    it('says where the YAML breaks when the file is not YAML', async () => {
      const file = path.join(dir, 'offers.yaml');
      writeFileSync(file, 'settings:\n  holdout_share: 0.05\noffers:\n  - id: club\n   product: [oops\n');
      const error = await startFailure({ OFFERS_FILE: file });
      expect(error.code).to.equal(offerCatalogueErrorCodes.syntax);
      expect(error.message).to.contain(file).and.match(/line \d/);
    });

    it('says so when OFFERS_FILE points nowhere', async () => {
      const file = path.join(dir, 'no-such-offers.yaml');
      const error = await startFailure({ OFFERS_FILE: file });
      expect(error.code).to.equal(offerCatalogueErrorCodes.notFound);
      expect(error.message).to.contain(file);
    });

    it('refuses offers naming a topic the knowledge base in use lacks', async () => {
      // The shipped catalogue fits the shipped knowledge, not the test fixture's, which has no warranty or orders answers.
      const error = await startFailure({ OFFERS_FILE: shippedOffers });
      expect(error.code).to.equal(offerCatalogueErrorCodes.invalid);
      expect(error.message).to.contain('offers[0].topics.warranty: no topic "warranty" in the knowledge base');
      expect(error.message).to.contain('offers[0].topics.orders');
    });

    it('refuses offers naming a tier the routing file lacks', async () => {
      const file = writeOffers({ offers: [{ id: 'gold-club', product: 'gold-club', group: 'membership', value: 5, title: { 'en-US': 'Gold', 'zh-CN': '金卡' }, text: { 'en-US': 'If you like.', 'zh-CN': '仅供参考。' }, eligibility: { tiers: ['gold'] }, topics: { delivery: 1 } }] });
      const error = await startFailure({ OFFERS_FILE: file });
      expect(error.message).to.contain('offers[0].eligibility.tiers[0]: no tier "gold" in the routing file');
    });
  });

  describe('an accepted offer, end to end over HTTP', () => {
    before(async () => {
      // These tests rely on the demo customer being outside the shipped catalogue's holdout group.
      const app = await startShipped();
      const { holdoutShare, holdoutSalt } = app.offerCatalogue.current().settings;
      expect(inHoldout(demoCustomer, holdoutShare, holdoutSalt), `${demoCustomer} is in the holdout of content/offers.yaml`).to.equal(false);
    });

    it('shows the demo customer the Club offer, tells OFFER_WEBHOOK_URL when they accept, and counts it', async () => {
      const webhook = await receiver(200);
      const app = await startShipped({ OFFER_WEBHOOK_URL: webhook.url });
      const conversationId = 'conv-offer-accepted';
      const rated = await solveDelivery(app, conversationId);
      const offer = offerIn(rated);
      expect(offer, 'an offer card after the rating').to.not.equal(undefined);
      const accepted = await say(app, conversationId, '', { warmline: 'offer.reply', decisionId: offer!.decisionId, answer: 'accept' });
      expect(accepted.map((a) => a.text)).to.deep.equal([offerResponses['en-US'].accepted(offer!.title)]);

      const [call, ...more] = await webhook.waitFor(1);
      expect(more, 'one call').to.have.length(0);
      expect(call?.headers['content-type']).to.equal('application/json');
      expect(call?.headers['idempotency-key']).to.equal(offer!.decisionId);
      expect(call?.body).to.deep.include({ type: 'offer.accepted', decisionId: offer!.decisionId, offerId: 'club-membership', product: 'lumen-club', customerId: demoCustomer, conversationId, channelId: 'emulator' });
      expect(Date.parse(String(call?.body.at))).to.be.closeTo(Date.now(), 60_000);

      expect(await clubFigures(app)).to.include({ impressions: 1, accepts: 1, acceptRate: 1 });
      const why = await api<{ decisions: OfferDecision[] }>(app, `/api/offers/decisions?customer=${demoCustomer}`);
      expect(why.decisions.map((d) => [d.id, d.outcome, d.offerId, d.topic])).to.deep.equal([[offer!.decisionId, 'shown', 'club-membership', 'delivery']]);

      // The same button again (a double click, an old card) changes nothing and calls no one.
      const again = await say(app, conversationId, '', { warmline: 'offer.reply', decisionId: offer!.decisionId, answer: 'accept' });
      expect(again.map((a) => a.text)).to.deep.equal([offerResponses['en-US'].stale]);
      expect(webhook.received).to.have.length(1);
      expect(await clubFigures(app)).to.include({ accepts: 1 });
    });

    it('calls no one when the customer declines', async () => {
      const webhook = await receiver(200);
      const app = await startShipped({ OFFER_WEBHOOK_URL: webhook.url });
      const offer = offerIn(await solveDelivery(app, 'conv-offer-declined'));
      const declined = await say(app, 'conv-offer-declined', '', { warmline: 'offer.reply', decisionId: offer!.decisionId, answer: 'decline' });
      expect(declined.map((a) => a.text)).to.deep.equal([offerResponses['en-US'].declined]);
      expect(webhook.received).to.have.length(0);
    });

    it('keeps the accept and confirms it to the customer when the webhook fails, after one retry', async () => {
      const webhook = await receiver(503);
      const app = await startShipped({ OFFER_WEBHOOK_URL: webhook.url });
      const offer = offerIn(await solveDelivery(app, 'conv-webhook-down'));
      const accepted = await say(app, 'conv-webhook-down', '', { warmline: 'offer.reply', decisionId: offer!.decisionId, answer: 'accept' });
      expect(accepted.map((a) => a.text)).to.deep.equal([offerResponses['en-US'].accepted(offer!.title)]);
      const calls = await webhook.waitFor(2);
      expect(calls.map((c) => c.headers['idempotency-key'])).to.deep.equal([offer!.decisionId, offer!.decisionId]);
      expect(await clubFigures(app)).to.include({ accepts: 1 });
    });

    it('confirms an accept at once even when the webhook does not answer', async function () {
      this.timeout(20_000);
      const webhook = await receiver('hang');
      const app = await startShipped({ OFFER_WEBHOOK_URL: webhook.url });
      const offer = offerIn(await solveDelivery(app, 'conv-webhook-silent'));
      const clicked = Date.now();
      const accepted = say(app, 'conv-webhook-silent', '', { warmline: 'offer.reply', decisionId: offer!.decisionId, answer: 'accept' });
      await connector.waitFor('conv-webhook-silent', (a) => a.text === offerResponses['en-US'].accepted(offer!.title), 15_000);
      expect(Date.now() - clicked, 'milliseconds until the customer saw the confirmation').to.be.below(1000);
      await accepted;
    });
  });

  describe('reading an edited catalogue without a restart (what SIGHUP does)', () => {
    it('applies an edit to the next decision, and keeps it in force through a later broken edit', async () => {
      const file = path.join(dir, 'offers.yaml');
      copyFileSync(shippedOffers, file);
      const logs = new LogCapture();
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', NODE_ENV: 'test', KNOWLEDGE_DIR: shippedKnowledge, OFFERS_FILE: file, ADMIN_ACCESS_CODE: adminCode });
      const app = started(await startWarmline(config, { logger: logs.logger }));
      const shippedTitle = app.offerCatalogue.current().offers.find((o) => o.id === 'club-membership')?.title['en-US'];

      // The admin rewords the Club offer and allows three offers a month instead of one.
      const document = parse(readFileSync(file, 'utf8')) as { settings: Record<string, unknown>; offers: { id: string; title: Record<string, string>; value: unknown }[] };
      const clubIndex = document.offers.findIndex((o) => o.id === 'club-membership');
      const newTitle = 'Lumen Club: points on every order';
      expect(newTitle).to.not.equal(shippedTitle);
      document.offers[clubIndex]!.title['en-US'] = newTitle;
      document.settings.customer_cap = { count: 3, days: 30 };
      writeFileSync(file, stringify(document));
      expect(app.offerCatalogue.reload()).to.equal(true);

      const first = offerIn(await solveDelivery(app, 'conv-reload-1'));
      expect(first?.title).to.equal(newTitle);

      // A broken edit: refused with its path logged, and the edited catalogue stays in force.
      document.offers[clubIndex]!.value = 'a lot';
      writeFileSync(file, stringify(document));
      expect(app.offerCatalogue.reload()).to.equal(false);
      const refused = await logs.waitFor('offer catalogue not reloaded: the previous one stays in force');
      expect((refused.err as { message: string }).message).to.contain(`offers[${clubIndex}].value`).and.contain(file);

      // A second conversation of the same customer: the edited cap (3 a month) still lets one through, with the edited title.
      const second = offerIn(await solveDelivery(app, 'conv-reload-2'));
      expect(second?.title).to.equal(newTitle);
      expect(second?.decisionId).to.not.equal(first?.decisionId);
      expect(await clubFigures(app)).to.include({ impressions: 2 });
    });

    it('stops offers at once when the edit removes them, and brings them back with the next edit', async () => {
      const file = path.join(dir, 'offers.yaml');
      copyFileSync(shippedOffers, file);
      const app = await startShipped({ OFFERS_FILE: file });
      const shipped = readFileSync(file, 'utf8');
      const document = parse(shipped) as { offers: unknown[] };
      writeFileSync(file, stringify({ ...document, offers: [] }));
      expect(app.offerCatalogue.reload()).to.equal(true);
      expect(offerIn(await solveDelivery(app, 'conv-emptied')), 'no offer from an empty catalogue').to.equal(undefined);
      const why = await api<{ decisions: OfferDecision[] }>(app, `/api/offers/decisions?customer=${demoCustomer}`);
      expect(why.decisions[0]?.gate.map((g) => g.reason)).to.deep.equal(['no-eligible-offer']);

      writeFileSync(file, shipped);
      expect(app.offerCatalogue.reload()).to.equal(true);
      expect(offerIn(await solveDelivery(app, 'conv-restored'))?.title).to.be.a('string').and.not.empty;
    });
  });
});
