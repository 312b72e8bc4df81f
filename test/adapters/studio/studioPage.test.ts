import { expect } from 'chai';
import path from 'node:path';
import { registerStudioPage, studioPagePolicy, studioPolicy } from '../../../adapters/studio/studioPage';
import { itServesLikeABuiltApp, servePage } from '../../support/builtAppServer';

const built = path.resolve(__dirname, '..', '..', '..', 'dist', 'studio');

const serve = (root: string) => servePage(registerStudioPage, root);

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

  itServesLikeABuiltApp('/studio', serve, built, { code: 'StudioNotBuilt', message: 'Warmline Studio is not built on this server: run npm run build.' });
});
