/**
 * The catalogue the running bot speaks from. Start-up installs the one from `MESSAGES_DIR`; until then
 * (tests, scripts) the shipped catalogue in `content/messages/` is loaded on first use.
 */
import path from 'node:path';
import { supportedLocales } from '../locale/locale';
import type { SupportedLocale } from '../locale/locale';
import { appRoot } from '../config';
import { loadMessageCatalogue } from './loadMessageCatalogue';
import type { MessageCatalogue } from './messageCatalogue';

/** Where the shipped catalogue lives. */
export const defaultMessagesDir: string = path.join(appRoot, 'content', 'messages');

let current: MessageCatalogue | undefined;

/** The catalogue in use. */
export function messages(): MessageCatalogue {
  current ??= loadMessageCatalogue(defaultMessagesDir);
  return current;
}

/** Makes `catalogue` the one every message is read from (start-up, or a test with edited wording). */
export function useMessageCatalogue(catalogue: MessageCatalogue): void {
  current = catalogue;
}

/** One view per supported locale, e.g. `{ 'en-US': view('en-US'), 'zh-CN': view('zh-CN') }`. */
export function byLocale<T>(view: (locale: SupportedLocale) => T): Readonly<Record<SupportedLocale, T>> {
  return Object.fromEntries(supportedLocales.map((locale) => [locale, view(locale)])) as Record<SupportedLocale, T>;
}
