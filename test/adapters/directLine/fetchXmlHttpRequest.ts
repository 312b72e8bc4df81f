/**
 * Test support: the part of the browser's XMLHttpRequest that rxjs 5's `Observable.ajax` uses
 * (which botframework-directlinejs makes every REST call with), built on Node's fetch. Node has no
 * XMLHttpRequest, so the real client cannot run in tests without it.
 */

type Handler = ((this: FetchXmlHttpRequest, event: { type: string }) => void) | null;

/** Asynchronous XMLHttpRequest over fetch: open, setRequestHeader, send, abort, timeout, JSON responses. */
export class FetchXmlHttpRequest {
  readyState = 0;
  status = 0;
  response: unknown = null;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  /** Present so rxjs wires `onerror` (it checks for `upload` and `withCredentials`). */
  readonly upload = {};
  onreadystatechange: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;

  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private readonly controller = new AbortController();
  private responseHeaders: Headers | undefined;
  private aborted = false;
  private timedOut = false;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders?.get(name) ?? null;
  }

  abort(): void {
    this.aborted = true;
    this.controller.abort();
  }

  send(body?: string | null): void {
    void this.run(body ?? undefined);
  }

  private async run(body: string | undefined): Promise<void> {
    const timer =
      this.timeout > 0
        ? setTimeout(() => {
            this.timedOut = true;
            this.controller.abort();
          }, this.timeout)
        : undefined;
    try {
      const res = await fetch(this.url, { method: this.method, headers: this.headers, body, signal: this.controller.signal });
      this.responseHeaders = res.headers;
      this.status = res.status;
      this.responseText = await res.text();
      this.response = this.responseType === 'json' ? parseJson(this.responseText) : this.responseText;
      this.readyState = 4;
      this.onreadystatechange?.call(this, { type: 'readystatechange' });
    } catch {
      if (this.aborted) return;
      this.readyState = 4;
      if (this.timedOut) this.ontimeout?.call(this, { type: 'timeout' });
      else this.onerror?.call(this, { type: 'error' });
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
