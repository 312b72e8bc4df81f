/**
 * Bot Framework Web Chat, as the customers' page runs it: the bundle this server serves from the
 * installed package (`/webchat/webchat.js`, no CDN), loaded once when the test chat first opens.
 */

/** The part of `window.WebChat` the test chat uses. */
export interface WebChatGlobal {
  createStore(initialState: object, ...middleware: unknown[]): unknown;
  renderWebChat(props: Record<string, unknown>, element: HTMLElement): void;
}

let loading: Promise<WebChatGlobal> | undefined;

/** Web Chat, loading its bundle the first time. */
export function loadWebChat(): Promise<WebChatGlobal> {
  const present = (window as { WebChat?: WebChatGlobal }).WebChat;
  if (present) return Promise.resolve(present);
  loading ??= new Promise<WebChatGlobal>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/webchat/webchat.js';
    script.async = true;
    script.onload = () => {
      const loaded = (window as { WebChat?: WebChatGlobal }).WebChat;
      if (loaded) resolve(loaded);
      else reject(new Error('Web Chat did not load'));
    };
    script.onerror = () => {
      loading = undefined;
      script.remove();
      reject(new Error('Web Chat could not be loaded'));
    };
    document.head.append(script);
  });
  return loading;
}

/** This page's style nonce (the server puts it in a meta element): Web Chat adds it to the styles it injects. */
export function styleNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="warmline-style-nonce"]')?.content || undefined;
}
