/**
 * The catalogue the running bot speaks from. Start-up installs the one from `MESSAGES_DIR`; until then
 * (tests, scripts) the shipped catalogue in `content/messages/` is loaded on first use.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { supportedLocales } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { appRoot } from '../config';
import { loadMessageCatalogue } from './loadMessageCatalogue';
import type { MessageCatalogue } from './messageCatalogue';
import type { MessageKey, messageKeys } from './messageKeys';

/** Where the shipped catalogue lives. */
export const defaultMessagesDir: string = path.join(appRoot, 'content', 'messages');

let current: MessageCatalogue | undefined;
/** A catalogue in force for one piece of work only (the studio's test chat speaks the draft's wording). */
const scoped = new AsyncLocalStorage<MessageCatalogue>();

/** The catalogue in use. */
export function messages(): MessageCatalogue {
  const own = scoped.getStore();
  if (own) return own;
  current ??= loadMessageCatalogue(defaultMessagesDir);
  return current;
}

/** Runs `work` (and everything it awaits) reading every message from `catalogue`; the rest of the process keeps its own. */
export function withMessageCatalogue<T>(catalogue: MessageCatalogue, work: () => T): T {
  return scoped.run(catalogue, work);
}

/** Makes `catalogue` the one every message is read from (start-up, or a test with edited wording). */
export function useMessageCatalogue(catalogue: MessageCatalogue): void {
  current = catalogue;
}

/** One view per supported locale, e.g. `{ 'en-US': view('en-US'), 'zh-CN': view('zh-CN') }`. */
export function byLocale<T>(view: (locale: SupportedLocale) => T): Readonly<Record<SupportedLocale, T>> {
  return Object.fromEntries(supportedLocales.map((locale) => [locale, view(locale)])) as Record<SupportedLocale, T>;
}

/** A message without placeholders. */
export type TextKey = { [K in MessageKey]: (typeof messageKeys)[K] extends readonly [] ? K : never }[MessageKey];

/**
 * How a view of type `T` reads the catalogue: a message key where `T` has text, a function where it
 * fills placeholders, and the same again for a nested group.
 */
export type MessageViewSpec<T> = {
  readonly [K in keyof T]: T[K] extends string ? TextKey : T[K] extends (...args: never[]) => string ? T[K] : MessageViewSpec<T[K]>;
};

/**
 * The view of type `T` in `locale` that `spec` describes. Each text is read from the catalogue when
 * it is read, so the catalogue installed at start-up (`MESSAGES_DIR`) is what every caller sees.
 */
export function messageView<T extends object>(locale: SupportedLocale, spec: MessageViewSpec<T>): T {
  const view: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(spec) as [string, unknown][]) {
    if (typeof entry === 'string') Object.defineProperty(view, name, { enumerable: true, get: () => messages().format(locale, entry as TextKey) });
    else if (typeof entry === 'function') view[name] = entry;
    else view[name] = messageView(locale, entry as MessageViewSpec<object>);
  }
  return view as T;
}
