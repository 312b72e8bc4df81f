/**
 * The feature vocabulary: hashed feature key → dense feature id, as an open-addressing table over
 * typed arrays (several times faster and smaller than a Map for millions of n-grams).
 */

/** Maps non-negative integer keys to ids 0, 1, 2… in first-added order. */
export class FeatureTable {
  private keys: Int32Array;
  private ids: Int32Array;
  private mask: number;
  /** Number of keys held. */
  size = 0;

  constructor(capacity = 1024) {
    let n = 1024;
    while (n < capacity * 2) n *= 2;
    this.keys = new Int32Array(n).fill(-1);
    this.ids = new Int32Array(n);
    this.mask = n - 1;
  }

  private slot(key: number): number {
    let s = Math.imul(key, 0x9e3779b1) & this.mask;
    while (this.keys[s] !== -1 && this.keys[s] !== key) s = (s + 1) & this.mask;
    return s;
  }

  /** Id of `key`, or -1 when it was never added. */
  get(key: number): number {
    const s = this.slot(key);
    return this.keys[s] === key ? (this.ids[s] ?? -1) : -1;
  }

  /** Id of `key`, adding it with the next id when new. */
  getOrAdd(key: number): number {
    const s = this.slot(key);
    if (this.keys[s] === key) return this.ids[s] ?? -1;
    this.keys[s] = key;
    this.ids[s] = this.size;
    this.size++;
    if (this.size * 2 > this.keys.length) this.grow();
    return this.size - 1;
  }

  /** Calls `fn` for every key with its id. */
  forEach(fn: (key: number, id: number) => void): void {
    for (let s = 0; s < this.keys.length; s++) {
      const k = this.keys[s] ?? -1;
      if (k !== -1) fn(k, this.ids[s] ?? 0);
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.ids = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const k = oldKeys[s] ?? -1;
      if (k === -1) continue;
      const t = this.slot(k);
      this.keys[t] = k;
      this.ids[t] = oldIds[s] ?? 0;
    }
  }
}
