import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import { createHttpServer } from '../../adapters/httpServer';
import type { HttpServer } from '../../adapters/httpServer';
import { registerOffersApi } from '../../adapters/offersApi';
import type { CustomerProfile } from '../../customers/customerProfiles';
import { silentLogger } from '../../logger';
import { inHoldout } from '../../offers/holdout';
import type { OfferCatalogue } from '../../offers/offerCatalogue';
import type { OfferDecision } from '../../offers/offerDecision';
import { OfferEngine } from '../../offers/offerEngine';
import type { OfferRequest } from '../../offers/offerEngine';
import type { OfferReport } from '../../offers/offerMetrics';
import { OfferStore } from '../../offers/offerStore';
import { seededRandom } from '../../offers/propensity';
import { TestClock, daysAfter, testCatalogue, testOffer, testProfile } from '../support/offerFixtures';
import { startTestApp } from '../support/testApp';
import { madeToken, sessionHeaders, signedIn } from '../support/studioAccounts';
import { LogCapture } from '../storage/logCapture';

const code = 'offers-admin-code-42';
const start = new Date('2026-03-10T12:00:00.000Z');
const club = testOffer({ id: 'club-membership', product: 'lumen-club', group: 'membership', topics: { delivery: 0.9 } });
const care = testOffer({ id: 'care-plus', product: 'care-plus', group: 'protection', topics: { warranty: 1 } });
const salt = 'api-test-salt';

/** Customer ids on either side of a 50% holdout with {@link salt}, found rather than hard-coded. */
function customerIds(heldOut: boolean, count: number): string[] {
  const ids: string[] = [];
  for (let n = 1; ids.length < count; n += 1) if (inHoldout(`cust-${n}`, 0.5, salt) === heldOut) ids.push(`cust-${n}`);
  return ids;
}
const [accepter, decliner, noConsent] = customerIds(false, 3) as [string, string, string];
const [heldOutBuyer, heldOutOther] = customerIds(true, 2) as [string, string];

interface Answer<T> {
  readonly status: number;
  readonly body: T;
}
type ErrorBody = { code: string; message: string };
type DecisionsBody = { key: string; decisions: OfferDecision[] };

/**
 * The offers API on a real restify server over a memory store, which the offer engine fills the way
 * the bot does: five customers decided for (two shown, two held out, one without consent) and one
 * channel user without a profile.
 */
describe('offers API', () => {
  let http: HttpServer;
  let base: string;
  let store: OfferStore;
  let clock: TestClock;
  let catalogue: OfferCatalogue;
  let engine: OfferEngine;
  let shownToAccepter: string;

  async function serve(accessCode: string | undefined): Promise<{ http: HttpServer; base: string }> {
    const server = createHttpServer({ maxBodyBytes: 4096, logger: silentLogger() });
    registerOffersApi(server.server, { store, catalogue: () => catalogue, now: clock.now }, { code: accessCode }, silentLogger());
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return { http: server, base: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}` };
  }
  const close = (server: HttpServer): Promise<void> => new Promise((resolve) => server.server.close(() => resolve()));

  async function call<T>(method: 'GET' | 'POST', path: string, options: { token?: string | null; body?: unknown; at?: string } = {}): Promise<Answer<T>> {
    const token = options.token === undefined ? code : options.token;
    const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${options.at ?? base}${path}`, { method, headers, ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}) });
    return { status: response.status, body: (await response.json()) as T };
  }
  const report = async (): Promise<OfferReport> => {
    const answer = await call<OfferReport>('GET', '/api/offers/report');
    expect(answer.status).to.equal(200);
    return answer.body;
  };
  const purchase = (body: unknown, token?: string | null): Promise<Answer<{ attributed: 'exposed' | 'holdout' | null } & Partial<ErrorBody>>> => call('POST', '/api/offers/purchases', { body, ...(token !== undefined ? { token } : {}) });

  function request(profile: CustomerProfile | undefined, overrides: Partial<OfferRequest> = {}): OfferRequest {
    return {
      userId: profile ? `web-${profile.id}` : 'web-anon',
      profile,
      conversationId: `conv-${profile?.id ?? 'anon'}`,
      channelId: 'webchat',
      locale: 'en-US',
      topic: 'delivery',
      how: 'bot',
      resolutionConfirmed: true,
      recentSentiments: [0.3],
      escalationReasons: [],
      ...overrides,
    };
  }
  const profile = (id: string, overrides: Partial<CustomerProfile> = {}): CustomerProfile => testProfile({ id, ...overrides });
  const who = (id: string) => ({ userId: `web-${id}`, channelId: 'webchat', conversationId: `conv-${id}`, profile: profile(id) });

  beforeEach(async () => {
    clock = new TestClock(start);
    store = new OfferStore(new MemoryStorage());
    catalogue = testCatalogue([club, care], { holdoutShare: 0.5, holdoutSalt: salt });
    engine = new OfferEngine({ catalogue: () => catalogue, store, logger: silentLogger(), now: clock.now, random: seededRandom(7) });
    const shown = await engine.decide(request(profile(accepter)));
    shownToAccepter = shown.decision.id;
    await engine.reply(who(accepter), { kind: 'answer', decisionId: shown.decision.id, answer: 'accepted' });
    const declined = await engine.decide(request(profile(decliner)));
    await engine.reply(who(decliner), { kind: 'answer', decisionId: declined.decision.id, answer: 'declined' });
    await engine.decide(request(profile(heldOutBuyer)));
    await engine.decide(request(profile(heldOutOther)));
    await engine.decide(request(profile(noConsent, { marketingConsent: false })));
    await engine.decide(request(undefined));
    clock.advanceDays(1);
    ({ http, base } = await serve(code));
  });
  afterEach(() => close(http));

  describe('access', () => {
    const routes = [
      ['GET', '/api/offers/report'],
      ['GET', `/api/offers/decisions?customer=${accepter}`],
      ['POST', '/api/offers/purchases'],
    ] as const;

    it('answers 401 to every route without the admin code, or with a wrong one', async () => {
      for (const [method, path] of routes) {
        for (const token of [null, 'offers-admin-code-43', 'short']) {
          const answer = await call<ErrorBody>(method, path, { token, ...(method === 'POST' ? { body: { customerId: decliner, product: 'lumen-club' } } : {}) });
          expect(answer.status, `${method} ${path} with ${String(token)}`).to.equal(401);
          expect(answer.body.code).to.equal('Unauthorized');
          expect(answer.body.message).to.contain('ADMIN_ACCESS_CODE');
        }
      }
      // The refused purchases changed nothing.
      expect((await report()).lift.exposed).to.equal(0.5);
    });

    it('is off (404 OffersApiDisabled) on every route when no admin code is set', async () => {
      const closed = await serve(undefined);
      try {
        for (const [method, path] of routes) {
          const answer = await call<ErrorBody>(method, path, { at: closed.base, token: 'anything-at-all', ...(method === 'POST' ? { body: { customerId: decliner, product: 'lumen-club' } } : {}) });
          expect(answer.status, `${method} ${path}`).to.equal(404);
          expect(answer.body).to.deep.equal({ code: 'OffersApiDisabled', message: 'This API is off. Set ADMIN_ACCESS_CODE to turn it on.' });
        }
      } finally {
        await close(closed.http);
      }
      expect((await report()).lift.exposed).to.equal(0.5);
    });
  });

  describe('GET /api/offers/report', () => {
    it('gives each offer\'s figures, how often each gate closed, and the lift over the holdout', async () => {
      const body = await report();
      expect(body.offers).to.deep.equal([
        { offerId: 'club-membership', impressions: 2, accepts: 1, declines: 1, optOuts: 0, ignored: 0, acceptRate: 0.5, heldOut: 2, exposedConversion: 0.5, holdoutConversion: 0 },
        { offerId: 'care-plus', impressions: 0, accepts: 0, declines: 0, optOuts: 0, ignored: 0, acceptRate: null, heldOut: 0, exposedConversion: null, holdoutConversion: null },
      ]);
      expect(body.gates).to.deep.equal({ decisions: 6, shown: 2, heldOut: 2, none: 2, byReason: { holdout: 2, 'no-consent': 1, 'unknown-customer': 1 }, optOuts: 0, optIns: 0 });
      // No held-out customer has bought yet: a lift over a zero rate is not a number, so none is given.
      expect(body.lift).to.deep.equal({ exposed: 0.5, holdout: 0, relative: null, exposedDecisions: 2, holdoutDecisions: 2 });
    });

    it('reports on the catalogue in force, so an offer added by a reload is listed at once', async () => {
      const tradeIn = testOffer({ id: 'trade-in', product: 'trade-in', group: 'trade-in', topics: { returns: 1 } });
      catalogue = testCatalogue([club, care, tradeIn], { holdoutShare: 0.5, holdoutSalt: salt });
      expect((await report()).offers.map((o) => [o.offerId, o.impressions])).to.deep.equal([
        ['club-membership', 2],
        ['care-plus', 0],
        ['trade-in', 0],
      ]);
    });
  });

  describe('GET /api/offers/decisions', () => {
    it('explains a customer\'s decisions, newest first, with the gate reasons and every candidate\'s score or exclusion', async () => {
      const later = await engine.decide(request(profile(accepter), { conversationId: 'conv-later' }));
      const { status, body } = await call<DecisionsBody>('GET', `/api/offers/decisions?customer=${accepter}`);
      expect(status).to.equal(200);
      expect(body.key).to.equal(`customer:${accepter}`);
      expect(body.decisions.map((d) => [d.id, d.outcome])).to.deep.equal([
        [later.decision.id, 'none'],
        [shownToAccepter, 'shown'],
      ]);
      expect(body.decisions[0]?.gate.map((g) => g.reason)).to.deep.equal(['customer-cap']);
      const [first] = body.decisions.slice(1);
      expect(first).to.deep.include({ offerId: 'club-membership', topic: 'delivery', conversationId: `conv-${accepter}`, channelId: 'webchat', gate: [] });
      expect(first?.candidates.find((c) => c.offerId === 'care-plus')).to.include({ excluded: 'not-relevant' });
      expect(first?.candidates.find((c) => c.offerId === 'club-membership')).to.include({ weight: 0.9, value: 10, lever: 1 });
    });

    it('says why a customer got nothing, and why a held-out customer saw nothing', async () => {
      const refused = await call<DecisionsBody>('GET', `/api/offers/decisions?customer=${noConsent}`);
      expect(refused.body.decisions.map((d) => [d.outcome, d.gate.map((g) => g.reason)])).to.deep.equal([['none', ['no-consent']]]);
      const heldOut = await call<DecisionsBody>('GET', `/api/offers/decisions?customer=${heldOutBuyer}`);
      expect(heldOut.body.decisions.map((d) => [d.outcome, d.offerId, d.gate.map((g) => g.reason)])).to.deep.equal([['held-out', 'club-membership', ['holdout']]]);
    });

    it('explains a channel user without a profile by channel and user id', async () => {
      const { status, body } = await call<DecisionsBody>('GET', '/api/offers/decisions?channel=webchat&user=web-anon');
      expect(status).to.equal(200);
      expect(body.key).to.equal('user:webchat:web-anon');
      expect(body.decisions.map((d) => d.gate.map((g) => g.reason))).to.deep.equal([['unknown-customer']]);
    });

    it('answers an empty list for a customer nothing was decided for', async () => {
      expect(await call<DecisionsBody>('GET', '/api/offers/decisions?customer=cust-never-seen')).to.deep.equal({ status: 200, body: { key: 'customer:cust-never-seen', decisions: [] } });
    });

    it('says how to ask when the query names no customer or channel user', async () => {
      for (const query of ['', '?customer=', '?customer=%20%20', `?customer=${'c'.repeat(201)}`, '?user=web-anon', '?channel=webchat', '?channel=Web%20Chat&user=web-anon', '?customerId=cust-1']) {
        const { status, body } = await call<ErrorBody>('GET', `/api/offers/decisions${query}`);
        expect(status, query).to.equal(400);
        expect(body.code).to.equal('InvalidQuery');
        expect(body.message).to.contain('?customer=<customer id>').and.contain('?channel=<channel id>&user=<channel user id>');
      }
    });
  });

  describe('POST /api/offers/purchases', () => {
    it('counts a purchase after a declined offer as a conversion of the exposed group', async () => {
      expect(await purchase({ customerId: decliner, product: 'lumen-club' })).to.deep.equal({ status: 200, body: { attributed: 'exposed' } });
      const body = await report();
      expect(body.offers[0]).to.include({ exposedConversion: 1, accepts: 1, declines: 1 });
      expect(body.lift).to.include({ exposed: 1 });
    });

    it('counts a held-out customer who bought anyway, which gives the lift', async () => {
      expect(await purchase({ customerId: heldOutBuyer, product: 'lumen-club', at: daysAfter(start, 2).toISOString() })).to.deep.equal({ status: 200, body: { attributed: 'holdout' } });
      const body = await report();
      expect(body.offers[0]).to.include({ holdoutConversion: 0.5 });
      expect(body.lift).to.deep.equal({ exposed: 0.5, holdout: 0.5, relative: 0, exposedDecisions: 2, holdoutDecisions: 2 });
    });

    it('attributes a purchase only once, and never to an offer the customer already took', async () => {
      expect((await purchase({ customerId: heldOutBuyer, product: 'lumen-club' })).body.attributed).to.equal('holdout');
      expect((await purchase({ customerId: heldOutBuyer, product: 'lumen-club' })).body.attributed).to.equal(null);
      expect((await purchase({ customerId: accepter, product: 'lumen-club' })).body.attributed).to.equal(null);
      expect((await report()).lift).to.include({ exposed: 0.5, holdout: 0.5 });
    });

    it('records a purchase the offers had no part in as unattributed, changing no figure', async () => {
      const before = await report();
      for (const body of [
        { customerId: 'cust-never-seen', product: 'lumen-club' },
        { customerId: decliner, product: 'care-plus' },
        { customerId: noConsent, product: 'lumen-club' },
      ]) {
        expect(await purchase(body), JSON.stringify(body)).to.deep.equal({ status: 200, body: { attributed: null } });
      }
      expect(await report()).to.deep.equal(before);
    });

    it('attributes only within 30 days after the decision, reading "now" from the clock when no time is given', async () => {
      expect((await purchase({ customerId: decliner, product: 'lumen-club', at: daysAfter(start, 31).toISOString() })).body.attributed, '31 days later').to.equal(null);
      expect((await purchase({ customerId: decliner, product: 'lumen-club', at: daysAfter(start, -1).toISOString() })).body.attributed, 'the day before').to.equal(null);
      clock.set(daysAfter(start, 45));
      expect((await purchase({ customerId: decliner, product: 'lumen-club' })).body.attributed, 'no time, clock 45 days on').to.equal(null);
      clock.set(daysAfter(start, 29));
      expect((await purchase({ customerId: decliner, product: 'lumen-club' })).body.attributed, 'no time, clock 29 days on').to.equal('exposed');
    });

    it('takes a time with an offset and compares it as the same instant', async () => {
      // 2026-03-10T21:00+09:00 is 12:00Z, the moment of the decision: just inside the window.
      expect((await purchase({ customerId: decliner, product: 'lumen-club', at: '2026-03-10T21:00:00+09:00' })).body.attributed).to.equal('exposed');
    });

    it('refuses a malformed purchase with every problem at once, and records nothing', async () => {
      const before = await report();
      const answer = await purchase({ customerId: '  ', product: 'Lumen Club', at: 'yesterday', amount: 99 });
      expect(answer.status).to.equal(400);
      expect(answer.body.code).to.equal('InvalidPurchase');
      expect(answer.body.message).to.match(/^Send JSON \{"customerId", "product", "at"\?\}: /);
      for (const part of ['customerId ', '; product a product code', '; at ', '; body Unrecognized key: "amount"']) expect(answer.body.message).to.contain(part);
      for (const body of [{}, { customerId: decliner }, { product: 'lumen-club' }, { customerId: decliner, product: 'lumen-club', at: '2026-03-11T10:00:00' }, [], 'null']) {
        const refused = await purchase(body);
        expect(refused.status, JSON.stringify(body)).to.equal(400);
      }
      expect(await report()).to.deep.equal(before);
    });

    it('refuses a body that is not JSON with 400, recording nothing', async () => {
      const before = await report();
      const answer = await purchase('{"customerId": "cust-1", "product": ');
      expect(answer.status).to.equal(400);
      expect(await report()).to.deep.equal(before);
    });
  });
});

/** The offers API in the whole server: admins' sessions and API tokens, and the deprecated code. */
describe('offers API with studio accounts', () => {
  it('lets admins in by session (with its CSRF token) or API token, refuses other roles, and still takes the code with one warning', async () => {
    const logs = new LogCapture();
    const app = await startTestApp({ ADMIN_ACCESS_CODE: code }, { logger: logs.logger });
    try {
      const at = (path: string, init: RequestInit = {}) => fetch(`${app.url}${path}`, init);
      const json = { 'content-type': 'application/json' };
      const sale = JSON.stringify({ customerId: 'cust-9', product: 'lumen-club' });
      const ada = await signedIn(app, 'ada', 'admin');
      expect((await at('/api/offers/report', { headers: sessionHeaders(ada) })).status).to.equal(200);
      expect((await at('/api/offers/purchases', { method: 'POST', headers: { ...json, cookie: ada.cookie }, body: sale })).status, 'no CSRF token').to.equal(403);
      expect((await at('/api/offers/purchases', { method: 'POST', headers: { ...json, ...sessionHeaders(ada) }, body: sale })).status).to.equal(200);
      const { token } = await madeToken(app, ada);
      // A bearer request needs no CSRF token: it carries no cookie.
      expect((await at('/api/offers/purchases', { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: sale })).status).to.equal(200);
      for (const role of ['supervisor', 'editor', 'viewer', 'agent'] as const) {
        const other = await signedIn(app, `${role}-1`, role);
        expect((await at('/api/offers/report', { headers: sessionHeaders(other) })).status, role).to.equal(403);
        expect((await at('/api/offers/report', { headers: { authorization: `Bearer ${(await madeToken(app, other)).token}` } })).status, `${role} token`).to.equal(403);
      }
      expect((await at('/api/offers/report')).status).to.equal(401);
      for (let i = 0; i < 2; i += 1) expect((await at('/api/offers/report', { headers: { authorization: `Bearer ${code}` } })).status).to.equal(200);
      expect(logs.entries.filter((e) => String(e.msg).startsWith('ADMIN_ACCESS_CODE is deprecated'))).to.have.length(1);
    } finally {
      await app.stop();
    }
  });
});
