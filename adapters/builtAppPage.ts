/**
 * Serves one web app the bot ships (Vite + React, built into dist/<name>) under its own path: the
 * studio at `/studio`, the agent workspace at `/agent`. Any path under it that is not a built file
 * gets the app's page, so the app's own routes survive a reload. The page runs only its own scripts
 * and styles, talks only to this server, and may not be framed. Before a build, the path says how to
 * make one. An app that embeds Web Chat (which injects `<style>` elements) asks for a style nonce:
 * each page response then carries a fresh one, in its policy and in a
 * `<meta name="warmline-style-nonce">` the app hands to Web Chat (as adapters/securityHeaders.ts does
 * for the customers' page).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type restify from 'restify';
import type { Logger } from 'pino';
import { sendError } from './httpServer';
import { emptyStyleHash, newNonce } from './securityHeaders';

/** Options of {@link registerBuiltAppPage}. */
export interface BuiltAppPageOptions {
  /** The built app (e.g. dist/studio). */
  readonly root: string;
  readonly logger: Logger;
  /** Where it is served, e.g. `/studio`. */
  readonly mount: string;
  /** Its name, as the "not built" answer says it. */
  readonly name: string;
  /** The error code of the "not built" answer. */
  readonly notBuiltCode: string;
  /** Whether each page carries a fresh style nonce (for Web Chat's injected styles). */
  readonly styleNonce: boolean;
}

/** A built app's policy: its own files only, calls to this server only, no framing. */
export const appPolicy = [
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
 * The policy of one page response with a style nonce: {@link appPolicy}, plus the styles Web Chat
 * injects with the response's nonce, and the blob: images and data: fonts Web Chat makes of inlined assets.
 */
export function noncePagePolicy(nonce: string): string {
  return appPolicy
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

/** Registers `options.mount` and everything under it. */
export function registerBuiltAppPage(server: restify.Server, options: BuiltAppPageOptions): void {
  const log = options.logger.child({ area: `${options.mount.slice(1)}-page` });
  const root = path.resolve(options.root);
  const prefix = new RegExp(`^${options.mount}/?`);
  const serve = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const wanted = decodedPath(req.path());
    if (wanted === undefined) return sendError(res, 400, 'BadPath', 'The path is not valid.');
    const relative = wanted.replace(prefix, '');
    const file = path.resolve(root, relative);
    // Never outside the built app, whatever the path says.
    const inside = file === root || file.startsWith(root + path.sep);
    const asset = inside && relative !== '' && (await isFile(file));
    const chosen = asset ? file : path.join(root, 'index.html');
    let body: Buffer;
    const nonce = options.styleNonce && chosen.endsWith('.html') ? newNonce() : undefined;
    try {
      body = await readFile(chosen);
      if (nonce) body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    <meta name="${styleNonceMeta}" content="${nonce}" />`));
    } catch {
      log.warn({ root }, `${options.name} is not built`);
      return sendError(res, 503, options.notBuiltCode, `${options.name} is not built on this server: run npm run build.`);
    }
    // Built assets carry a content hash in their names: they never change, so browsers may keep them.
    const cache = asset && relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
    res.writeHead(200, {
      'Content-Type': types[path.extname(chosen)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': cache,
      'Content-Security-Policy': nonce ? noncePagePolicy(nonce) : appPolicy,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  };
  server.get(options.mount, serve);
  server.get(`${options.mount}/*`, serve);
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
