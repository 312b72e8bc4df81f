/** A bare restify server with only one built app's page routes (studio, agent workspace), and the checks every such page passes. */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Logger } from 'pino';
import { silentLogger } from '../../logger';

/** Serves what `register` registers over `root`; resolves with the address and how to stop. */
export async function servePage(register: (server: restify.Server, options: { root: string; logger: Logger }) => void, root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = restify.createServer({ name: 'page-test' });
  register(server, { root, logger: silentLogger() });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * The checks every built app page passes (registered as `it`s): its own routes get the page, no path
 * reaches a file outside the build, a bad path is a 400, and without a build it says how to make one.
 */
export function itServesLikeABuiltApp(mount: string, serve: (root: string) => ReturnType<typeof servePage>, built: string, notBuilt: { code: string; message: string }): void {
  it("answers the app's own routes with its page, never a file outside the build, and a bad path with 400", async () => {
    const site = await serve(built);
    try {
      const route = await fetch(`${site.url}${mount}/some/route-of-the-app`);
      expect(route.status).to.equal(200);
      expect(await route.text()).to.contain('<div id="root">');
      const climbing = await fetch(`${site.url}${mount}/..%2f..%2fpackage.json`);
      expect(climbing.status).to.equal(200);
      expect(await climbing.text()).to.not.contain('"dependencies"');
      const broken = await fetch(`${site.url}${mount}/a%00b.js`);
      expect(broken.status).to.equal(400);
      expect(await broken.json()).to.have.property('code', 'BadPath');
    } finally {
      await site.close();
    }
  });

  it('says how to build it when the build is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'warmline-page-'));
    const bare = await serve(empty);
    try {
      const res = await fetch(`${bare.url}${mount}`);
      expect(res.status).to.equal(503);
      expect(await res.json()).to.deep.equal(notBuilt);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
}
