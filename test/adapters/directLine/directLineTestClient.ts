/**
 * Test support: the real botframework-directlinejs client (what Web Chat uses), with the browser
 * globals it needs in Node (WebSocket from `ws`, XMLHttpRequest over fetch) installed only for as
 * long as a test asks, and helpers to wait for activities without sleeping.
 */
import type { Activity, DirectLineOptions } from 'botframework-directlinejs';
import { ConnectionStatus, DirectLine } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import { FetchXmlHttpRequest } from './fetchXmlHttpRequest';

const browserGlobals = ['WebSocket', 'XMLHttpRequest'] as const;

/** Installs `WebSocket` and `XMLHttpRequest` on globalThis; returns the function that restores what was there. */
export function installBrowserGlobals(): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = browserGlobals.map((name) => [name, Object.getOwnPropertyDescriptor(g, name)] as const);
  g.WebSocket = WebSocket;
  g.XMLHttpRequest = FetchXmlHttpRequest;
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(g, name, descriptor);
      else delete g[name];
    }
  };
}

/** A DirectLine client that records every activity it receives. */
export class TestDirectLineClient {
  readonly directLine: DirectLine;
  readonly received: Activity[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly subscription: { unsubscribe(): void };

  constructor(options: DirectLineOptions) {
    this.directLine = new DirectLine(options);
    this.subscription = this.directLine.activity$.subscribe((activity) => {
      this.received.push(activity);
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** The first received activity matching `predicate`, waiting for it up to `timeoutMs`. */
  waitFor(predicate: (activity: Activity) => boolean, what: string, timeoutMs = 8000): Promise<Activity> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.find(predicate);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.texts())}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = (): void => void check();
      if (!check()) this.waiters.add(wake);
    });
  }

  /** Waits for a message with exactly this text. */
  waitForText(text: string, timeoutMs?: number): Promise<Activity> {
    return this.waitFor((a) => a.type === 'message' && a.text === text, `message "${text}"`, timeoutMs);
  }

  /** Resolves once the connection is online (the conversation has been started or resumed). */
  online(timeoutMs = 8000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting to be online')), timeoutMs);
      const sub = this.directLine.connectionStatus$.subscribe((status) => {
        if (status !== ConnectionStatus.Online) return;
        clearTimeout(timer);
        setImmediate(() => sub.unsubscribe());
        resolve();
      });
    });
  }

  /** Posts through the client; resolves with what postActivity emits (the id, or "retry" on a 5xx). */
  post(activity: Partial<Activity> & { type: string }): Promise<string> {
    return new Promise((resolve, reject) => {
      const sub = this.directLine.postActivity(activity as Activity).subscribe({
        next: (id) => {
          resolve(id);
          setImmediate(() => sub.unsubscribe());
        },
        error: (err: unknown) => reject(err instanceof Error ? err : new Error(`postActivity failed: ${JSON.stringify(err)}`)),
      });
    });
  }

  /** Texts of received messages, in order. */
  texts(): string[] {
    return this.received.filter((a) => a.type === 'message').map((a) => String((a as { text?: unknown }).text ?? ''));
  }

  /** Stops receiving and ends the client. */
  end(): void {
    this.subscription.unsubscribe();
    this.directLine.end();
  }
}
