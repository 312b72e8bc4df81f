import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { registerStudioPage, studioPagePolicy, studioPolicy } from '../../../adapters/studio/studioPage';
import { silentLogger } from '../../../logger';

const built = path.resolve(__dirname, '..', '..', '..', 'dist', 'studio');

/** A server with only the studio routes, over `root`. */
async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = restify.createServer({ name: 'studio-test' });
  registerStudioPage(server, { root, logger: silentLogger() });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Warmline Studio page (/studio)', () => {
  let site: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    site = await serve(built);
  });
  after(() => site?.close());

  it('serves the built app with a policy that allows only its own files, and its hashed assets for a year', async () => {
    const page = await fetch(`${site.url}/studio`);
    expect(page.status, 'run npm run build:studio (npm test does it first)').to.equal(200);
    expect(page.headers.get('x-frame-options')).to.equal('DENY');
    expect(page.headers.get('cache-control')).to.equal('no-store');
    const html = await page.text();
    // Styles only from its own files, or carrying this response's nonce (the test chat's Web Chat injects those).
    const nonce = /<meta name="warmline-style-nonce" content="([A-Za-z0-9+/=]{24})" \/>/.exec(html)?.[1];
    expect(nonce, html).to.be.a('string');
    expect(page.headers.get('content-security-policy')).to.equal(studioPagePolicy(nonce as string));
    expect(studioPagePolicy(nonce as string)).to.contain(`style-src 'self' 'nonce-${nonce as string}' 'sha256-`).and.contain("script-src 'self';");
    const again = await (await fetch(`${site.url}/studio`)).text();
    expect(again, 'a fresh nonce per response').to.not.contain(nonce as string);
    const script = /<script type="module" crossorigin src="(\/studio\/assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
    expect(script, html).to.be.a('string');
    // No inline script or style: the policy would block them.
    expect(html).to.not.match(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).to.not.contain('<style');
    const asset = await fetch(`${site.url}${script as string}`);
    expect(asset.status).to.equal(200);
    expect(asset.headers.get('content-type')).to.match(/javascript/);
    expect(asset.headers.get('cache-control')).to.contain('immutable');
    expect(asset.headers.get('content-security-policy')).to.equal(studioPolicy);
  });

  it("answers the app's own routes with its page, never a file outside the build, and a bad path with 400", async () => {
    const route = await fetch(`${site.url}/studio/flows/where-is-my-order`);
    expect(route.status).to.equal(200);
    expect(await route.text()).to.contain('<div id="root">');
    const climbing = await fetch(`${site.url}/studio/..%2f..%2fpackage.json`);
    expect(climbing.status).to.equal(200);
    expect(await climbing.text()).to.not.contain('"dependencies"');
    const broken = await fetch(`${site.url}/studio/a%00b.js`);
    expect(broken.status).to.equal(400);
    expect(await broken.json()).to.have.property('code', 'BadPath');
  });

  it('says how to build it when the build is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'warmline-studio-'));
    const bare = await serve(empty);
    try {
      const res = await fetch(`${bare.url}/studio`);
      expect(res.status).to.equal(503);
      expect(await res.json()).to.deep.equal({ code: 'StudioNotBuilt', message: 'Warmline Studio is not built on this server: run npm run build.' });
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
