import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { BotClient } from '../../../adapters/directLine/botClient';
import { DirectLineError } from '../../../adapters/directLine/directLineErrors';
import { silentLogger } from '../../../logger';

describe('BotClient', () => {
  const activity = { type: 'message', id: 'c|0000001', conversation: { id: 'c' } };

  const outcome = (client: BotClient): Promise<unknown> => client.deliver(activity).then(() => 'delivered', (err: unknown) => err);

  it('answers 502 when nothing listens at the bot endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await outcome(new BotClient({ endpoint: () => `http://127.0.0.1:${port}/api/messages`, timeoutMs: 2000, log: silentLogger() }));
    expect(err).to.be.instanceOf(DirectLineError);
    expect(err).to.include({ code: 'WL_DL_BOT_UNAVAILABLE', status: 502 });
    expect((err as Error).message).to.contain('could not be reached');
  });

  it('posts the activity JSON without Authorization, and waits for the answer (also on drain)', async () => {
    let release: () => void = () => undefined;
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const received: Array<{ auth?: string; body: string }> = [];
    const bot = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ body, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
        release = () => {
          res.statusCode = 200;
          res.end();
        };
        arrived();
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (bot.address() as AddressInfo).port;
      const client = new BotClient({ endpoint: () => `http://127.0.0.1:${port}/api/messages`, timeoutMs: 2000, log: silentLogger() });
      const delivered = outcome(client);
      let drained = false;
      const drain = client.drain().then(() => (drained = true));
      await arrival;
      expect(client.inFlight()).to.equal(1);
      expect(drained).to.equal(false);
      release();
      expect(await delivered).to.equal('delivered');
      await drain;
      expect(received).to.deep.equal([{ body: JSON.stringify(activity) }]);
    } finally {
      bot.closeAllConnections();
      await new Promise<void>((resolve) => bot.close(() => resolve()));
    }
  });

  it('answers 502 when the bot takes longer than the timeout', async () => {
    const slow = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (slow.address() as AddressInfo).port;
      const err = await outcome(new BotClient({ endpoint: () => `http://127.0.0.1:${port}/api/messages`, timeoutMs: 50, log: silentLogger() }));
      expect(err).to.include({ code: 'WL_DL_BOT_UNAVAILABLE' });
      expect((err as Error).message).to.contain('within 50 ms');
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});
