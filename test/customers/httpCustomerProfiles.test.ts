import { expect } from 'chai';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CustomerProfilesUnavailableError } from '../../customers/customerProfiles';
import type { CustomerKey } from '../../customers/customerProfiles';
import { HttpCustomerProfiles } from '../../customers/httpCustomerProfiles';
import type { HttpCustomerProfilesOptions } from '../../customers/httpCustomerProfiles';

/** What the stand-in CRM received. */
interface Received {
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const meiChen = {
  id: 'crm-1042',
  name: 'Mei Chen',
  tier: 'vip',
  email: 'mei.chen@example.com',
  phone: '+44 7700 900123',
  segments: ['audio', 'smart-home'],
  tags: [],
  products: ['lumen-club'],
  tenureMonths: 40,
  spend: 2400,
  locale: 'en-US',
  marketingConsent: true,
};

function json(status: number, body: unknown): Reply {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<CustomerProfilesUnavailableError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CustomerProfilesUnavailableError);
    expect((error as CustomerProfilesUnavailableError).code).to.equal('WL_CUSTOMERS_UNAVAILABLE');
    return error as CustomerProfilesUnavailableError;
  }
  return expect.fail('the lookup did not fail');
}

describe('HTTP customer profiles (a CRM)', () => {
  let server: http.Server;
  let baseUrl: string;
  let reply: Reply;
  let received: Received[];
  let clock: number;
  const held: http.ServerResponse[] = [];
  const mei: CustomerKey = { id: 'web-mei' };

  function crm(options: Partial<HttpCustomerProfilesOptions> = {}): HttpCustomerProfiles {
    return new HttpCustomerProfiles({ baseUrl: `${baseUrl}/api/`, now: () => new Date(clock), ...options });
  }

  before(async () => {
    server = http.createServer((req, res) => {
      received.push({ url: req.url ?? '', headers: req.headers });
      reply(req, res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    received = [];
    clock = Date.parse('2026-03-02T09:00:00Z');
    reply = json(200, meiChen);
  });

  afterEach(() => {
    for (const res of held.splice(0)) res.destroy();
  });

  after(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('returns the CRM profile of a known customer, asking for JSON at their encoded user id', async () => {
    const profile = await crm().get({ id: '29:1 a/b?c', aadObjectId: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' });
    expect(profile).to.deep.equal(meiChen);
    expect(received).to.have.length(1);
    expect(received[0]?.url).to.equal('/api/customers/29%3A1%20a%2Fb%3Fc?aadObjectId=6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f');
    expect(received[0]?.headers.accept).to.equal('application/json');
    expect(received[0]?.headers.authorization).to.equal(undefined);
  });

  it('sends the token as a bearer token when one is configured', async () => {
    await crm({ token: 's3cret-token' }).get(mei);
    expect(received[0]?.url).to.equal('/api/customers/web-mei');
    expect(received[0]?.headers.authorization).to.equal('Bearer s3cret-token');
  });

  it('fills in what the CRM leaves out: no lists means empty lists, no consent means no consent', async () => {
    reply = json(200, { id: 'crm-7', name: null, segments: null, locale: 'zh-CN', crmOnlyField: 'ignored' });
    expect(await crm().get(mei)).to.deep.equal({ id: 'crm-7', segments: [], tags: [], products: [], locale: 'zh-CN', marketingConsent: false });
  });

  it('treats 404 as an unknown customer', async () => {
    reply = json(404, { error: 'not found' });
    expect(await crm().get(mei)).to.equal(undefined);
  });

  it('reports a server error as unavailable, with the status and nothing about the customer', async () => {
    reply = json(500, { error: 'database down' });
    const error = await rejectionOf(crm().get(mei));
    expect(error.message).to.equal('Customer CRM answered HTTP 500 (expected 200 or 404)');
  });

  it('gives up on a CRM slower than the time limit', async () => {
    reply = (_req, res) => void held.push(res);
    const started = Date.now();
    const error = await rejectionOf(crm({ timeoutMs: 150 }).get(mei));
    expect(error.message).to.equal('Customer CRM did not answer within 150 ms');
    expect(Date.now() - started).to.be.below(5000);
  });

  it('reports a CRM that cannot be reached', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const error = await rejectionOf(new HttpCustomerProfiles({ baseUrl: `http://127.0.0.1:${port}` }).get(mei));
    expect(error.message).to.equal('Customer CRM could not be reached (ECONNREFUSED)');
  });

  it('reports malformed JSON without quoting the body', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "crm-1042", "name": "Mei Chen", "email": "mei.chen@exam');
    };
    const error = await rejectionOf(crm().get(mei));
    expect(error.message).to.equal('Customer CRM answered with a body that is not JSON');
    expect(`${error.message} ${String(error.cause ?? '')}`).not.to.contain('Mei');
  });

  it('reports a profile that does not fit the schema, naming the fields but not their values', async () => {
    reply = json(200, { ...meiChen, segments: 'audio', locale: 'fr-FR', tenureMonths: -3, marketingConsent: 'yes' });
    const error = await rejectionOf(crm().get(mei));
    expect(error.message).to.match(/^Customer CRM answered with a profile Warmline cannot use: /);
    for (const field of ['segments', 'locale', 'tenureMonths', 'marketingConsent']) expect(error.message).to.contain(field);
    for (const value of ['fr-FR', 'audio', 'Mei', '-3', 'yes']) expect(error.message).not.to.contain(value);
  });

  it('rejects an answer without a customer id', async () => {
    reply = json(200, { name: 'Mei Chen' });
    expect((await rejectionOf(crm().get(mei))).message).to.contain('id (invalid_type)');
  });

  describe('caching', () => {
    it('reuses an answer within the time to live, and asks again after it', async () => {
      const profiles = crm({ cacheSeconds: 300 });
      expect((await profiles.get(mei))?.name).to.equal('Mei Chen');
      reply = json(200, { ...meiChen, name: 'Mei Chen-Li' });
      clock += 299_000;
      expect((await profiles.get(mei))?.name).to.equal('Mei Chen');
      expect(received).to.have.length(1);
      clock += 2_000;
      expect((await profiles.get(mei))?.name).to.equal('Mei Chen-Li');
      expect(received).to.have.length(2);
    });

    it('remembers an unknown customer too', async () => {
      reply = json(404, {});
      const profiles = crm();
      expect(await profiles.get(mei)).to.equal(undefined);
      expect(await profiles.get(mei)).to.equal(undefined);
      expect(received).to.have.length(1);
    });

    it('keeps answers for different channel accounts apart', async () => {
      const profiles = crm();
      await profiles.get(mei);
      reply = json(404, {});
      expect(await profiles.get({ id: 'web-someone-else' })).to.equal(undefined);
      expect(await profiles.get({ id: 'web-mei', aadObjectId: '6f1c2b7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' })).to.equal(undefined);
      expect(received).to.have.length(3);
    });

    it('does not remember a failure: the next turn asks again', async () => {
      reply = json(503, {});
      const profiles = crm();
      await rejectionOf(profiles.get(mei));
      reply = json(200, meiChen);
      expect((await profiles.get(mei))?.id).to.equal('crm-1042');
      expect(received).to.have.length(2);
    });

    it('asks every time when the time to live is 0', async () => {
      const profiles = crm({ cacheSeconds: 0 });
      await profiles.get(mei);
      await profiles.get(mei);
      expect(received).to.have.length(2);
    });

    it('forgets the least recently used answers beyond the size limit', async () => {
      const profiles = crm({ maxEntries: 2 });
      for (const id of ['a', 'b', 'c', 'a']) await profiles.get({ id });
      expect(received.map((r) => r.url)).to.deep.equal(['/api/customers/a', '/api/customers/b', '/api/customers/c', '/api/customers/a']);
    });
  });

  it('makes one request for concurrent lookups of the same customer', async () => {
    const profiles = crm({ cacheSeconds: 0 });
    const answers = await Promise.all([profiles.get(mei), profiles.get(mei), profiles.get({ id: 'web-other' })]);
    expect(answers.map((p) => p?.id)).to.deep.equal(['crm-1042', 'crm-1042', 'crm-1042']);
    expect(received.map((r) => r.url).sort()).to.deep.equal(['/api/customers/web-mei', '/api/customers/web-other']);
  });

  it('shares a failure among concurrent lookups, then asks again', async () => {
    reply = json(500, {});
    const profiles = crm();
    const [first, second] = await Promise.allSettled([profiles.get(mei), profiles.get(mei)]);
    expect(first?.status).to.equal('rejected');
    expect(second?.status).to.equal('rejected');
    expect(received).to.have.length(1);
    reply = json(200, meiChen);
    expect((await profiles.get(mei))?.id).to.equal('crm-1042');
  });

  it('uses an injected HTTP client', async () => {
    const urls: string[] = [];
    const fake: typeof fetch = (input) => {
      urls.push(String(input));
      return Promise.resolve(new Response(JSON.stringify({ id: 'crm-9' }), { status: 200 }));
    };
    const profiles = new HttpCustomerProfiles({ baseUrl: 'https://crm.example.invalid', fetch: fake });
    expect((await profiles.get(mei))?.id).to.equal('crm-9');
    expect(urls).to.deep.equal(['https://crm.example.invalid/customers/web-mei']);
  });

  it('refuses settings that cannot work', () => {
    expect(() => new HttpCustomerProfiles({ baseUrl: 'ftp://crm.example.invalid' })).to.throw(TypeError, /http/);
    expect(() => new HttpCustomerProfiles({ baseUrl: 'crm.example.invalid' })).to.throw(TypeError, /http/);
    expect(() => new HttpCustomerProfiles({ baseUrl: 'https://crm.example.invalid', timeoutMs: 0 })).to.throw(TypeError, /timeoutMs/);
    expect(() => new HttpCustomerProfiles({ baseUrl: 'https://crm.example.invalid', cacheSeconds: -1 })).to.throw(TypeError, /cacheSeconds/);
    expect(() => new HttpCustomerProfiles({ baseUrl: 'https://crm.example.invalid', maxEntries: 0 })).to.throw(TypeError, /maxEntries/);
  });
});
