import { expect } from 'chai';
import path from 'node:path';
import { registerAgentPage } from '../../../adapters/agentWorkspace/agentPage';
import { appPolicy } from '../../../adapters/builtAppPage';
import { itServesLikeABuiltApp, servePage } from '../../support/builtAppServer';

const built = path.resolve(__dirname, '..', '..', '..', 'dist', 'agent');
const serve = (root: string) => servePage(registerAgentPage, root);

describe('agent workspace page (/agent)', () => {
  let site: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    site = await serve(built);
  });
  after(() => site?.close());

  it('serves the built app with a strict policy (own files only, no style nonce), and its hashed assets for a year', async () => {
    const page = await fetch(`${site.url}/agent`);
    expect(page.status, 'run npm run build:agent (npm test does it first)').to.equal(200);
    expect(page.headers.get('content-security-policy')).to.equal(appPolicy);
    expect(appPolicy).to.contain("script-src 'self';").and.contain("style-src 'self';").and.contain("connect-src 'self';").and.contain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).to.equal('DENY');
    expect(page.headers.get('cache-control')).to.equal('no-store');
    const html = await page.text();
    expect(html).to.contain('<div id="root">').and.not.contain('warmline-style-nonce');
    // No inline script or style: the policy would block them.
    expect(html).to.not.match(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).to.not.contain('<style');
    const script = /<script type="module" crossorigin src="(\/agent\/assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
    expect(script, html).to.be.a('string');
    const asset = await fetch(`${site.url}${script as string}`);
    expect(asset.status).to.equal(200);
    expect(asset.headers.get('content-type')).to.match(/javascript/);
    expect(asset.headers.get('cache-control')).to.contain('immutable');
  });

  itServesLikeABuiltApp('/agent', serve, built, { code: 'AgentWorkspaceNotBuilt', message: 'The agent workspace is not built on this server: run npm run build.' });
});
