/**
 * The browser-side protections of the pages Warmline serves (issue 10): a Content-Security-Policy
 * that lets the page run only its own scripts, styles carrying the page's nonce (Web Chat injects its
 * styles with the nonce it is given), images from itself, and connections to itself and the Direct
 * Line service; no framing by other sites; no MIME sniffing; no referrer sent elsewhere.
 */
import { randomBytes } from 'node:crypto';

/**
 * The hash of an empty `<style>`. Web Chat 4.18 does not pass its nonce on to react-scroll-to-bottom,
 * whose emotion instance inserts an empty `<style>` and fills it through the CSSOM (which CSP allows);
 * admitting empty style elements lets the transcript scroll without admitting any inline CSS.
 */
export const emptyStyleHash = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/** What the policy of one response depends on. */
export interface PagePolicy {
  /** The nonce Web Chat's injected `<style>` elements carry; only for the HTML page. */
  readonly nonce?: string;
  /** Direct Line's base URL (e.g. `https://directline.botframework.com/v3/directline`), to allow its HTTPS and WebSocket connections. */
  readonly directLine?: string;
}

/** A fresh nonce for one page response (128 random bits, base64). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The security headers for a page (with `nonce`) or an asset (without). */
export function securityHeaders(policy: PagePolicy = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(policy),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** The Content-Security-Policy value; see the module comment. */
export function contentSecurityPolicy(policy: PagePolicy = {}): string {
  if (policy.nonce === undefined) {
    // A script, style sheet or bundle is not a document: it may load nothing and be framed by no one.
    return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  }
  const connect = ["'self'", ...directLineOrigins(policy.directLine)];
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${policy.nonce}' '${emptyStyleHash}'`,
    // Web Chat turns inlined assets into blob: URLs; data: for small icons.
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Direct Line's origin for HTTP(S) and for its WebSocket stream, or nothing for a malformed URL. */
function directLineOrigins(url: string | undefined): string[] {
  if (url === undefined) return [];
  try {
    const { origin, protocol } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return [];
    return [origin, origin.replace(/^http/, 'ws')];
  } catch {
    return [];
  }
}
