/**
 * Serves Warmline Studio, the admins' web app (issue 12), at `/studio`: the files `npm run build`
 * writes to dist/studio (Vite + React). Any `/studio/...` path that is not a built file gets the app's
 * page, so its own routes survive a reload. The page runs only its own scripts and styles, talks only
 * to this server, and may not be framed. Before a build, `/studio` says how to make one.
 * The test chat embeds Bot Framework Web Chat, which injects `<style>` elements: each page response
 * carries a fresh nonce (in its policy and in a `<meta name="warmline-style-nonce">` the app hands to
 * Web Chat), as the customers' page does (adapters/securityHeaders.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type restify from 'restify';
import type { Logger } from 'pino';
import { sendError } from '../httpServer';
import { emptyStyleHash, newNonce } from '../securityHeaders';

/** Options of {@link registerStudioPage}. */
export interface StudioPageOptions {
  /** The built app (dist/studio). */
  readonly root: string;
  readonly logger: Logger;
}

/** The studio page's policy: its own files only, calls to this server only, no framing. */
export const studioPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy of one page response: {@link studioPolicy}, plus the styles Web Chat injects with the
 * response's nonce, and the blob: images and data: fonts Web Chat makes of inlined assets.
 */
export function studioPagePolicy(nonce: string): string {
  return studioPolicy
    .replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}' '${emptyStyleHash}'`)
    .replace("img-src 'self' data:", "img-src 'self' data: blob:")
    .replace("font-src 'self'", "font-src 'self' data:");
}

/** Name of the meta element that hands the page's style nonce to the app (for Web Chat). */
export const styleNonceMeta = 'warmline-style-nonce';

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Registers `/studio` and everything under it. */
export function registerStudioPage(server: restify.Server, options: StudioPageOptions): void {
  const log = options.logger.child({ area: 'studio-page' });
  const root = path.resolve(options.root);
  const serve = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const wanted = decodedPath(req.path());
    if (wanted === undefined) return sendError(res, 400, 'BadPath', 'The path is not valid.');
    const relative = wanted.replace(/^\/studio\/?/, '');
    const file = path.resolve(root, relative);
    // Never outside the built app, whatever the path says.
    const inside = file === root || file.startsWith(root + path.sep);
    const asset = inside && relative !== '' && (await isFile(file));
    const chosen = asset ? file : path.join(root, 'index.html');
    let body: Buffer;
    const nonce = chosen.endsWith('.html') ? newNonce() : undefined;
    try {
      body = await readFile(chosen);
      if (nonce) body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    <meta name="${styleNonceMeta}" content="${nonce}" />`));
    } catch {
      log.warn({ root }, 'the studio is not built');
      return sendError(res, 503, 'StudioNotBuilt', 'Warmline Studio is not built on this server: run npm run build.');
    }
    // Built assets carry a content hash in their names: they never change, so browsers may keep them.
    const cache = asset && relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
    res.writeHead(200, {
      'Content-Type': types[path.extname(chosen)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': cache,
      'Content-Security-Policy': nonce ? studioPagePolicy(nonce) : studioPolicy,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  };
  server.get('/studio', serve);
  server.get('/studio/*', serve);
}

/** The request path, URL-decoded; undefined when it cannot be decoded or holds a NUL. */
function decodedPath(raw: string): string | undefined {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
