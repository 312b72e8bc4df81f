/**
 * Bot state in Redis: one hash per item (`e` = eTag, `v` = JSON) under `<prefix>state:<key>`.
 * A `write` is one Lua script that checks every eTag before setting any value, so it is atomic
 * against every other client of the same server.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { checkPrefix, keyListingPageSize } from './keyListing';
import type { KeyListing } from './keyListing';
import type { RedisCommandClient } from './redisCommandClient';
import { RedisScript } from './redisScript';
import { ETagConflictError, StorageArgumentError } from './storageErrors';
import { checkKeys, decodeItem, encodeChanges, setItem } from './storeItemCodec';

// ARGV per key: expected eTag ('' = unconditional), new eTag, JSON. Returns 0, or the 1-based
// index of the first key whose eTag is stale (then nothing was written).
const writeScript = new RedisScript(`
for i = 1, #KEYS do
  local expected = ARGV[(i - 1) * 3 + 1]
  if expected ~= '' then
    local current = redis.call('HGET', KEYS[i], 'e')
    if current and current ~= expected then return i end
  end
end
for i = 1, #KEYS do
  local base = (i - 1) * 3
  redis.call('HSET', KEYS[i], 'e', ARGV[base + 2], 'v', ARGV[base + 3])
end
return 0
`);

// Returns eTag and JSON of every key in turn (false/nil for unknown keys), from one snapshot.
const readScript = new RedisScript(`
local out = {}
for i = 1, #KEYS do
  local pair = redis.call('HMGET', KEYS[i], 'e', 'v')
  out[2 * i - 1] = pair[1]
  out[2 * i] = pair[2]
end
return out
`);

/** `Storage` over a connected `redis` v5 client; every key is namespaced by `keyPrefix`. */
export class RedisStorage implements Storage, KeyListing {
  /**
   * @param client A connected client; the caller owns and closes it.
   * @param keyPrefix Prepended to every Redis key (e.g. `warmline:`), so that several bots can share a server.
   */
  constructor(
    private readonly client: RedisCommandClient,
    private readonly keyPrefix: string,
  ) {
    if (typeof keyPrefix !== 'string') throw new StorageArgumentError('RedisStorage needs a string key prefix');
  }

  /** Returns the stored items among `keys`, each a fresh copy with its `eTag`; unknown keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    checkKeys(keys, 'read');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const reply = (await readScript.run(this.client, keys.map((k) => this.redisKey(k)), [])) as Array<string | null>;
    keys.forEach((key, i) => {
      const eTag = reply[2 * i];
      const json = reply[2 * i + 1];
      if (typeof eTag === 'string' && typeof json === 'string') setItem(items, key, decodeItem(json, eTag));
    });
    return items;
  }

  /** Stores every item, or none of them if any item's eTag is stale. */
  async write(changes: StoreItems): Promise<void> {
    const encoded = encodeChanges(changes);
    if (encoded.length === 0) return;
    const args = encoded.flatMap((c) => [c.expectedETag ?? '', c.newETag, c.json]);
    const conflict = Number(await writeScript.run(this.client, encoded.map((c) => this.redisKey(c.key)), args));
    const stale = encoded[conflict - 1];
    if (stale) throw new ETagConflictError(stale.key);
  }

  /** Removes the items; unknown keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    checkKeys(keys, 'delete');
    if (keys.length > 0) await this.client.sendCommand(['DEL', ...keys.map((k) => this.redisKey(k))]);
  }

  /** Keys starting with `prefix`, found with SCAN (which never blocks the server), a page at a time. */
  async *listKeys(prefix: string): AsyncIterable<readonly string[]> {
    checkPrefix(prefix);
    const base = this.redisKey('');
    const pattern = `${escapeGlob(base + prefix)}*`;
    // SCAN may return a key more than once.
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = (await this.client.sendCommand(['SCAN', cursor, 'MATCH', pattern, 'COUNT', String(keyListingPageSize)])) as [string, string[]];
      const page = batch.map((key) => key.slice(base.length)).filter((key) => !seen.has(key));
      for (const key of page) seen.add(key);
      // COUNT is only a hint: a reply may hold more keys than a page.
      for (let i = 0; i < page.length; i += keyListingPageSize) yield page.slice(i, i + keyListingPageSize);
      cursor = next;
    } while (cursor !== '0');
  }

  private redisKey(key: string): string {
    return `${this.keyPrefix}state:${key}`;
  }
}

/** Escapes the characters SCAN's MATCH pattern treats specially, so they match themselves. */
function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]^]/g, (c) => `\\${c}`);
}
