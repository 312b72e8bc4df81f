/**
 * The WebSocket stream as a plain `ws` client sees it: backlog after the watermark, then each new
 * activity set in order; refusals with an HTTP status before the upgrade; close on shutdown.
 */
import { expect } from 'chai';
import { WebSocket } from 'ws';
import type { ActivitySet } from '../../../adapters/directLine/wireActivity';
import type { Harness } from './directLineHarness';
import { call, startHarness, testSecret } from './directLineHarness';

/** A raw stream connection that queues what it receives. */
class StreamProbe {
  readonly sets: ActivitySet[] = [];
  private wake: (() => void) | undefined;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      if (data.length > 0) this.sets.push(JSON.parse(data.toString('utf8')) as ActivitySet);
      this.wake?.();
    });
  }

  static open(url: string): Promise<StreamProbe> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const probe = new StreamProbe(ws);
      ws.once('open', () => resolve(probe));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  /** Resolves once `count` sets have arrived; rejects after `timeoutMs`. */
  received(count: number, timeoutMs = 5000): Promise<ActivitySet[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(new Error(`only ${this.sets.length} of ${count} activity sets arrived`));
      }, timeoutMs);
      const check = (): void => {
        if (this.sets.length < count) return;
        clearTimeout(timer);
        this.wake = undefined;
        resolve(this.sets.slice(0, count));
      };
      this.wake = check;
      check();
    });
  }

  closed(): Promise<number> {
    return new Promise((resolve) => this.ws.once('close', (code: number) => resolve(code)));
  }
}

describe('local Direct Line WebSocket stream', () => {
  let harness: Harness;
  let token: string;
  let conversationId: string;
  let streamUrl: string;
  const probes: StreamProbe[] = [];

  beforeEach(async () => {
    harness = await startHarness();
    const generated = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: testSecret, json: { user: { id: 'u-alice' } } });
    token = String(generated.body.token);
    conversationId = String(generated.body.conversationId);
    const started = await call(harness, 'POST', '/v3/directline/conversations', { auth: token });
    streamUrl = String(started.body.streamUrl);
  });
  afterEach(async () => {
    probes.splice(0).forEach((p) => p.ws.terminate());
    await harness.close();
  });

  const open = async (url: string): Promise<StreamProbe> => {
    const probe = await StreamProbe.open(url);
    probes.push(probe);
    return probe;
  };
  const say = (text: string) => call(harness, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { auth: token, json: { type: 'message', text } });

  it('sends the backlog first, then every new activity set in order with growing watermarks', async () => {
    const probe = await open(streamUrl);
    const [backlog] = await probe.received(1);
    expect(backlog?.activities.map((a) => a.text)).to.deep.equal(['welcome u-alice']);
    expect(backlog?.watermark).to.equal('1');
    probe.ws.send(''); // what directlinejs sends as a keep-alive; ignored
    await say('hi');
    const sets = await probe.received(3);
    expect(sets.slice(1).map((s) => [s.activities.map((a) => a.text), s.watermark])).to.deep.equal([
      [['hi'], '2'],
      [['echo: hi'], '3'],
    ]);
  });

  it('starts after the watermark in the stream URL', async () => {
    await say('hi');
    const probe = await open(`${streamUrl}&watermark=2`);
    const [first] = await probe.received(1);
    expect(first?.activities.map((a) => a.text)).to.deep.equal(['echo: hi']);
  });

  it('refuses before upgrading: 401 without a token, 403 for a forged or foreign token, 404 for no conversation', async () => {
    const base = streamUrl.split('?')[0] ?? '';
    const other = await call(harness, 'POST', '/v3/directline/tokens/generate', { auth: testSecret });
    const cases: Array<[string, number]> = [
      [base, 401],
      [`${base}?t=${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`, 403],
      [`${base}?t=${encodeURIComponent(String(other.body.token))}`, 403],
      [base.replace(conversationId, 'AAAAAAAAAAAAAAAAAAAAAAAA') + `?t=${encodeURIComponent(testSecret)}`, 404],
    ];
    for (const [url, status] of cases) {
      const outcome = await StreamProbe.open(url).then(
        (p) => {
          probes.push(p);
          return 101;
        },
        (err: { status?: number }) => err.status,
      );
      expect(outcome, url).to.equal(status);
    }
  });

  it('keeps at most 8 streams per conversation, closing the oldest as a collision', async () => {
    const first = await open(streamUrl);
    const firstClosed = first.closed();
    const others = [];
    for (let i = 0; i < 8; i += 1) others.push(await open(streamUrl));
    expect(await firstClosed).to.equal(4000);
    await say('still streaming');
    const last = others[others.length - 1];
    const sets = await last?.received(3);
    expect(sets?.[1]?.activities.map((a) => a.text)).to.deep.equal(['still streaming']);
  });

  it('closes open streams with 1001 on close() and refuses new ones with 503', async () => {
    const probe = await open(streamUrl);
    const closed = probe.closed();
    await harness.directLine.close();
    expect(await closed).to.equal(1001);
    const refused = await StreamProbe.open(streamUrl).then(
      () => 101,
      (err: { status?: number }) => err.status,
    );
    expect(refused).to.equal(503);
  });
});
