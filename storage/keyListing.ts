/**
 * What botbuilder's `Storage` cannot do: say which keys it holds. Retention sweeps and privacy
 * requests (export or erase one customer's data) need to find every record of a kind, so every
 * Warmline store can list its keys by prefix.
 */
import { StorageArgumentError } from './storageErrors';

/** A store that can list the keys it holds. */
export interface KeyListing {
  /**
   * Every stored key that starts with `prefix` (all keys for `''`), each once, in no particular
   * order, a page at a time. Keys written or deleted while the listing runs may or may not appear.
   */
  listKeys(prefix: string): AsyncIterable<readonly string[]>;
}

/** How many keys one page of {@link KeyListing.listKeys} holds at most. */
export const keyListingPageSize = 500;

/** Throws a {@link StorageArgumentError} unless `prefix` is a string. */
export function checkPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string') throw new StorageArgumentError(`Storage.listKeys needs a string prefix, got ${prefix === null ? 'null' : typeof prefix}`);
}

/** Collects every key a listing yields (for tests, tools and small stores). */
export async function allKeys(store: KeyListing, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of store.listKeys(prefix)) keys.push(...page);
  return keys;
}
