/**
 * Starts a whole Warmline server for a test: ephemeral port on loopback, silent logs, memory storage
 * unless the test asks for another store.
 */
import { createServer, request } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../config';
import { startWarmline } from '../../index';
import type { WarmlineApp } from '../../index';
import type { StartOptions } from '../../app/startWarmline';
import { silentLogger } from '../../logger';
import { fixtureKnowledgeDir } from './faqFixture';

/** A small offer catalogue that fits the fixture knowledge's topics. */
export const fixtureOffersFile = path.join(__dirname, '..', 'fixtures', 'offers', 'offers.yaml');

/** Starts Warmline with test defaults plus the given environment (and options, such as a clock). */
export function startTestApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<WarmlineApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', NODE_ENV: 'test', KNOWLEDGE_DIR: fixtureKnowledgeDir, OFFERS_FILE: fixtureOffersFile, ...env });
  return startWarmline(config, { logger: silentLogger(), ...options });
}

/**
 * POSTs JSON (or a raw string) on a fresh connection (no keep-alive pool, so a restarted server on the
 * same port is reached anew) and returns status and parsed body.
 */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': payload.length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON: keep the text.
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A port that was free a moment ago, so a restarted server can listen on the same address. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * POSTs like the Bot Connector does when a bot is briefly unreachable: retries on connection errors
 * and 5xx answers until the bot takes the activity or `timeoutMs` passes.
 */
export async function postUntilAccepted(url: string, body: unknown, timeoutMs = 10_000): Promise<{ status: number; body: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const answer = await post(url, body);
      if (answer.status < 500) return answer;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
