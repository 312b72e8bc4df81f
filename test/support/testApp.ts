/**
 * Starts a whole Warmline server for a test: ephemeral port on loopback, silent logs, memory storage
 * unless the test asks for another store.
 */
import { request } from 'node:http';
import { loadConfig } from '../../config';
import { startWarmline } from '../../index';
import type { WarmlineApp } from '../../index';
import { silentLogger } from '../../logger';
import { fixtureKnowledgeDir } from './faqFixture';

/** Starts Warmline with test defaults plus the given environment. */
export function startTestApp(env: Record<string, string> = {}): Promise<WarmlineApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', LOG_LEVEL: 'silent', NODE_ENV: 'test', KNOWLEDGE_DIR: fixtureKnowledgeDir, ...env });
  return startWarmline(config, { logger: silentLogger() });
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
