import { expect } from 'chai';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OfferWebhook, OfferWebhookError } from '../../../adapters/offers/offerWebhook';
import type { AcceptanceSink } from '../../../offers/offerEngine';
import { freePort } from '../../support/testApp';

type Acceptance = Parameters<AcceptanceSink['accepted']>[0];

/** How the stand-in CRM answers one request: a status, a dropped connection, or no answer at all. */
type Answer = number | 'drop' | 'hang';

/** A request the stand-in received. */
interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * The system behind OFFER_WEBHOOK_URL: a real HTTP server on an ephemeral port that answers requests
 * in the order given (then 200), and keeps what it received.
 */
class WebhookTarget {
  readonly received: Received[] = [];
  private readonly hanging: ServerResponse[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly answers: Answer[] = []) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = this.answers.shift() ?? 200;
        if (answer === 'drop') req.socket.destroy();
        else if (answer === 'hang') this.hanging.push(res);
        else {
          res.writeHead(answer, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ status: answer }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/offers?source=warmline`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const acceptance: Acceptance = {
  decisionId: '3f0c9a52-7d4e-4b1a-9c2f-6e8d1b0a4c77',
  offerId: 'club-membership',
  product: 'lumen-club',
  customerId: 'customer-demo',
  conversationId: 'conv-webhook',
  channelId: 'webchat',
  at: '2026-03-10T12:00:00.000Z',
};

/** The error `run` rejects with; fails the test when it resolves. */
async function rejection(run: Promise<unknown>): Promise<OfferWebhookError> {
  try {
    await run;
  } catch (error) {
    expect(error).to.be.instanceOf(OfferWebhookError);
    return error as OfferWebhookError;
  }
  expect.fail('the webhook call succeeded');
}

describe('OfferWebhook', () => {
  const targets: WebhookTarget[] = [];
  const target = async (answers: Answer[] = []): Promise<WebhookTarget> => {
    const started = await new WebhookTarget(answers).start();
    targets.push(started);
    return started;
  };
  afterEach(async () => {
    await Promise.all(targets.splice(0).map((t) => t.stop()));
  });

  it('POSTs the acceptance as JSON, once, with the decision id as the Idempotency-Key', async () => {
    const crm = await target();
    await new OfferWebhook({ url: crm.url }).accepted(acceptance);
    expect(crm.received).to.have.length(1);
    const [request] = crm.received;
    expect(request).to.include({ method: 'POST', path: '/hooks/offers?source=warmline' });
    expect(request?.headers['content-type']).to.equal('application/json');
    expect(request?.headers['idempotency-key']).to.equal(acceptance.decisionId);
    expect(JSON.parse(request?.body ?? '')).to.deep.equal({ type: 'offer.accepted', ...acceptance });
  });

  it('takes any 2xx as delivered', async () => {
    const crm = await target([202]);
    await new OfferWebhook({ url: crm.url }).accepted(acceptance);
    expect(crm.received).to.have.length(1);
  });

  it('retries once after a 5xx, sending the same body and Idempotency-Key, and succeeds when the retry is taken', async () => {
    const crm = await target([503, 200]);
    await new OfferWebhook({ url: crm.url }).accepted(acceptance);
    expect(crm.received).to.have.length(2);
    const [first, second] = crm.received;
    expect(second?.body).to.equal(first?.body);
    expect(second?.headers['idempotency-key']).to.equal(first?.headers['idempotency-key']).and.equal(acceptance.decisionId);
  });

  it('gives up after the one retry when the server keeps failing, with a coded error naming the status', async () => {
    const crm = await target([500, 502, 200]);
    const error = await rejection(new OfferWebhook({ url: crm.url }).accepted(acceptance));
    expect(error.code).to.equal('WL_OFFER_WEBHOOK_FAILED');
    expect(error.message).to.contain('502');
    expect(crm.received, 'two attempts, never a third').to.have.length(2);
  });

  for (const status of [400, 404, 409, 422]) {
    it(`does not retry a ${status}: the receiver refused this acceptance, and sending it again would not change that`, async () => {
      const crm = await target([status, 200]);
      const error = await rejection(new OfferWebhook({ url: crm.url }).accepted(acceptance));
      expect(error.code).to.equal('WL_OFFER_WEBHOOK_FAILED');
      expect(error.message).to.contain(String(status));
      expect(crm.received).to.have.length(1);
    });
  }

  it('retries once when the connection drops before an answer, and succeeds when the retry is taken', async () => {
    const crm = await target(['drop', 200]);
    await new OfferWebhook({ url: crm.url }).accepted(acceptance);
    expect(crm.received).to.have.length(2);
  });

  it('says the webhook could not be reached when nothing listens, keeping the network error as the cause', async () => {
    const url = `http://127.0.0.1:${await freePort()}/hooks/offers`;
    const error = await rejection(new OfferWebhook({ url }).accepted(acceptance));
    expect(error.code).to.equal('WL_OFFER_WEBHOOK_FAILED');
    expect(error.message).to.equal('the offer webhook could not be reached');
    expect(error.cause).to.be.instanceOf(Error);
  });

  it('stops waiting for a silent server after the timeout, and retries once', async () => {
    const crm = await target(['hang', 200]);
    await new OfferWebhook({ url: crm.url, timeoutMs: 150 }).accepted(acceptance);
    expect(crm.received).to.have.length(2);
  });

  it('never keeps the customer waiting much longer than two timeouts when the server does not answer at all', async () => {
    const crm = await target(['hang', 'hang']);
    const started = Date.now();
    const error = await rejection(new OfferWebhook({ url: crm.url, timeoutMs: 150 }).accepted(acceptance));
    const waited = Date.now() - started;
    expect(error.message).to.equal('the offer webhook could not be reached');
    expect((error.cause as Error).name).to.equal('TimeoutError');
    expect(crm.received).to.have.length(2);
    expect(waited, 'milliseconds waited').to.be.at.least(280).and.below(2000);
  });

  it('refuses to be set up with anything but an http(s) URL', () => {
    for (const url of ['ftp://crm.example/hooks', 'crm.example/hooks', '', 'mailto:ops@example.com']) {
      expect(() => new OfferWebhook({ url }), url).to.throw(TypeError, 'http(s) URL');
    }
    expect(() => new OfferWebhook({ url: 'https://crm.example/hooks' })).to.not.throw();
  });
});
