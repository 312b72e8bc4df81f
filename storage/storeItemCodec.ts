/**
 * What every `Storage` implementation does the same way: check arguments, split off and decide
 * on eTags, turn items into JSON and back. Backends only decide where the JSON lives and how a
 * whole `write` is made atomic.
 */
import { randomUUID } from 'node:crypto';
import type { StoreItem } from 'botbuilder';
import { StorageArgumentError, StorageSerializationError } from './storageErrors';

/** One item of a `write` call, checked and serialised, ready for a backend to store. */
export interface EncodedChange {
  readonly key: string;
  /** The eTag the stored item must still have, or `undefined` to overwrite unconditionally. */
  readonly expectedETag: string | undefined;
  /** The eTag the item gets once stored. */
  readonly newETag: string;
  /** The item as a JSON object, without its eTag. */
  readonly json: string;
}

/** Throws a {@link StorageArgumentError} unless `keys` is an array of strings. */
export function checkKeys(keys: unknown, operation: 'read' | 'delete'): asserts keys is string[] {
  if (!Array.isArray(keys)) {
    throw new StorageArgumentError(`Storage.${operation} needs an array of keys, got ${describe(keys)}`);
  }
  keys.forEach((key: unknown, index) => {
    if (typeof key !== 'string') {
      throw new StorageArgumentError(`Storage.${operation}: key at index ${index} is ${describe(key)}, not a string`);
    }
  });
}

/**
 * Checks a `write` argument and serialises each item. An eTag of `'*'`, `''` or none means
 * "overwrite"; any other string must match the stored item when one exists.
 */
export function encodeChanges(changes: unknown): EncodedChange[] {
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
    throw new StorageArgumentError(`Storage.write needs an object of items by key, got ${describe(changes)}`);
  }
  return Object.keys(changes).map((key) => encodeItem(key, (changes as Record<string, unknown>)[key]));
}

function encodeItem(key: string, item: unknown): EncodedChange {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new StorageArgumentError(`Storage.write: item ${JSON.stringify(key)} must be an object, got ${describe(item)}`);
  }
  const { eTag, ...value } = item as StoreItem;
  if (eTag !== undefined && eTag !== null && typeof eTag !== 'string') {
    throw new StorageArgumentError(`Storage.write: eTag of item ${JSON.stringify(key)} must be a string, got ${describe(eTag)}`);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new StorageSerializationError(`item ${JSON.stringify(key)}`, error);
  }
  if (typeof json !== 'string' || !json.startsWith('{')) {
    throw new StorageSerializationError(`item ${JSON.stringify(key)}`, 'it does not serialise to a JSON object');
  }
  const conditional = typeof eTag === 'string' && eTag !== '' && eTag !== '*';
  return { key, expectedETag: conditional ? eTag : undefined, newETag: randomUUID(), json };
}

/** Turns stored JSON back into a fresh item carrying its eTag. */
export function decodeItem(json: string, eTag: string): StoreItem {
  const item = JSON.parse(json) as StoreItem;
  item.eTag = eTag;
  return item;
}

/** Sets an own property, even for keys such as `__proto__` that plain assignment would not. */
export function setItem(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
