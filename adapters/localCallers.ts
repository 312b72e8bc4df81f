/**
 * The rules of local anonymous mode (no MicrosoftAppId, so no Bot Framework token to check): the
 * messaging endpoint takes activities only from processes on this machine (the local Direct Line,
 * the Emulator, test clients) and replies only to `serviceUrl`s on this machine. A request that came
 * through a proxy or from a browser page is not a local process's, even when its socket is loopback.
 */
import { isLoopbackAddress } from './directLine/isLoopbackAddress';

/** Why a request is refused, as the route answers it. */
export interface CallerProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** What is read from a request: its peer address and headers. */
export interface CallerRequest {
  readonly remoteAddress: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** Headers that mean a proxy sits between the caller and this process. */
const proxyHeaders = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'] as const;

/** True when the request comes straight from this machine: a loopback peer, and no proxy in between. */
export function fromThisMachine(request: CallerRequest): boolean {
  return isLoopbackAddress(request.remoteAddress) && !proxyHeaders.some((h) => request.headers[h] !== undefined);
}

/** Why an anonymous-mode request may not deliver activities, or undefined when it may (a browser page sends `Origin`). */
export function localCallerProblem(request: CallerRequest): CallerProblem | undefined {
  const refused = (): CallerProblem => ({
    status: 403,
    code: 'LocalCallersOnly',
    message: 'Without MicrosoftAppId this endpoint accepts activities only from this machine (the local Direct Line or the Bot Framework Emulator). Configure Bot Framework authentication to take activities from channels.',
  });
  if (!fromThisMachine(request) || request.headers.origin !== undefined) return refused();
  return undefined;
}

/** Why the bot may not reply to `serviceUrl` in anonymous mode, or undefined when it may. */
export function localServiceUrlProblem(serviceUrl: string): CallerProblem | undefined {
  let host: string;
  try {
    host = new URL(serviceUrl).hostname;
  } catch {
    return { status: 400, code: 'InvalidActivity', message: 'activity.serviceUrl must be an http(s) URL.' };
  }
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || isLoopbackAddress(bare)) return undefined;
  return {
    status: 403,
    code: 'ServiceUrlNotAllowed',
    message: 'Without MicrosoftAppId the bot replies only to a serviceUrl on this machine (the local Direct Line or the Bot Framework Emulator).',
  };
}
