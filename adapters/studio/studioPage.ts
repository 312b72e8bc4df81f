/**
 * Serves Warmline Studio, the admins' web app (issue 12), at `/studio`: the files `npm run build`
 * writes to dist/studio (Vite + React). Any `/studio/...` path that is not a built file gets the app's
 * page, so its own routes survive a reload. The page runs only its own scripts and styles, talks only
 * to this server, and may not be framed. Before a build, `/studio` says how to make one.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type restify from 'restify';
import type { Logger } from 'pino';
import { sendError } from '../httpServer';

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
    try {
      body = await readFile(chosen);
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
      'Content-Security-Policy': studioPolicy,
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
