/**
 * The wording Warmline uses outside dialog flows, in every supported locale, read from
 * `content/messages/` and checked before use (see `loadMessageCatalogue.ts`). Code asks for a message
 * by key and passes the values its placeholders (`{name}`) need.
 */
import type { SupportedLocale } from '../locale/locale';
import { MessageCatalogueError, messageErrorCodes } from './messageErrors';
import type { MessageKey, MessageParamsArg } from './messageKeys';

/** A `{name}` placeholder in a message text. */
export const placeholderPattern = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The names of the placeholders a text uses, sorted and without repeats. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((m) => m[1] ?? ''))].sort();
}

/** A checked catalogue: every key the code uses, in every locale, with the placeholders it fills. */
export class MessageCatalogue {
  /** Use `loadMessageCatalogue`, which checks the texts first. */
  constructor(private readonly texts: Readonly<Record<SupportedLocale, ReadonlyMap<string, string>>>) {}

  /** The message `key` in `locale`, its placeholders filled from `params`. */
  format<K extends MessageKey>(locale: SupportedLocale, key: K, ...[params]: MessageParamsArg<K>): string {
    const text = this.texts[locale].get(key);
    if (text === undefined) {
      throw new MessageCatalogueError(messageErrorCodes.unknownKey, `No message "${key}" in ${locale}.`);
    }
    const values = (params ?? {}) as Readonly<Record<string, string | number | undefined>>;
    return text.replace(placeholderPattern, (_whole, name: string) => {
      const value = values[name];
      if (value === undefined) {
        throw new MessageCatalogueError(messageErrorCodes.missingParam, `Message "${key}" needs a value for {${name}}.`);
      }
      return String(value);
    });
  }
}
