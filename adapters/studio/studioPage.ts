/**
 * Serves Warmline Studio, the admins' web app (issue 12), at `/studio`: the files `npm run build`
 * writes to dist/studio (Vite + React), with the policy and fallbacks of adapters/builtAppPage.ts.
 * The test chat embeds Bot Framework Web Chat, which injects `<style>` elements: each page response
 * carries a fresh style nonce.
 */
import type restify from 'restify';
import type { Logger } from 'pino';
import { appPolicy, noncePagePolicy, registerBuiltAppPage } from '../builtAppPage';

export { styleNonceMeta } from '../builtAppPage';

/** Options of {@link registerStudioPage}. */
export interface StudioPageOptions {
  /** The built app (dist/studio). */
  readonly root: string;
  readonly logger: Logger;
}

/** The studio's policy (for its assets): its own files only, calls to this server only, no framing. */
export const studioPolicy = appPolicy;

/** The policy of one studio page response carrying `nonce` for Web Chat's styles. */
export const studioPagePolicy = noncePagePolicy;

/** Registers `/studio` and everything under it. */
export function registerStudioPage(server: restify.Server, options: StudioPageOptions): void {
  registerBuiltAppPage(server, { ...options, mount: '/studio', name: 'Warmline Studio', notBuiltCode: 'StudioNotBuilt', styleNonce: true });
}
