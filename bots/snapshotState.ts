/**
 * botbuilder's ConversationState and UserState with a cheaper way of telling whether a turn changed
 * them. botbuilder keeps a hash of each state (`calculateChangeHash`: a JSON.stringify whose replacer
 * runs for every key, then SHA-256) and computes it three times a turn: after reading, before writing
 * (to decide whether to write) and after writing. These classes keep the state's plain JSON instead,
 * taken once after reading and once before writing, and reuse the second as the new snapshot: the
 * same decision (write exactly when something other than `eTag` changed) for a third of the work and
 * no SHA-256. State that JSON cannot represent (a cycle) falls back to botbuilder's hash.
 * Everything else (keys, accessors, clear, delete, `force`) is botbuilder's own.
 */
import { calculateChangeHash, ConversationState, UserState } from 'botbuilder';
import type { BotState, Storage, StorageKeyFactory, TurnContext } from 'botbuilder';

/** What botbuilder caches in the turn state under the BotState's key. */
interface CachedState {
  state: Record<string, unknown>;
  hash: string;
}

/** The state's JSON without its `eTag` (which a write changes), or botbuilder's hash when it has no JSON. */
function snapshot(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  try {
    return JSON.stringify(rest);
  } catch {
    return `hash:${calculateChangeHash(state)}`;
  }
}

/** The turn-state key botbuilder's BotState caches under (a private field, checked here so an upgrade that renames it fails loudly). */
function cacheKeyOf(state: BotState): symbol {
  const key = (state as unknown as { stateKey?: unknown }).stateKey;
  if (typeof key !== 'symbol') throw new TypeError('snapshot state: botbuilder BotState no longer has its stateKey; check bots/snapshotState.ts against this botbuilder version');
  return key;
}

/** Where a state lives: its storage, its storage key and its turn-state cache key. */
interface StatePlace {
  readonly storage: Storage;
  readonly storageKey: StorageKeyFactory;
  readonly cacheKey: symbol;
}

/** BotState.load, keeping a JSON snapshot where botbuilder keeps a hash. */
async function load({ storage, storageKey, cacheKey }: StatePlace, context: TurnContext, force: boolean): Promise<Record<string, unknown>> {
  const cached = context.turnState.get(cacheKey) as CachedState | undefined;
  if (!force && cached?.state) return cached.state;
  const key = await storageKey(context);
  const items = await storage.read([key]);
  const state = (items[key] as Record<string, unknown> | undefined) ?? {};
  context.turnState.set(cacheKey, { state, hash: snapshot(state) } satisfies CachedState);
  return state;
}

/** BotState.saveChanges: writes when forced or when the snapshot differs; the snapshot taken to decide becomes the new one. */
async function saveChanges({ storage, storageKey, cacheKey }: StatePlace, context: TurnContext, force: boolean): Promise<void> {
  let cached = context.turnState.get(cacheKey) as CachedState | undefined;
  const current = cached ? snapshot(cached.state) : undefined;
  if (!force && (!cached || cached.hash === current)) return;
  const key = await storageKey(context);
  cached ??= { state: {}, hash: '' };
  cached.state.eTag = '*';
  await storage.write({ [key]: cached.state });
  cached.hash = current ?? snapshot(cached.state);
  context.turnState.set(cacheKey, cached);
}

/** ConversationState with snapshot change detection. */
export class SnapshotConversationState extends ConversationState {
  private readonly place: StatePlace = { storage: this.storage, storageKey: this.storageKey, cacheKey: cacheKeyOf(this) };

  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return load(this.place, context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveChanges(this.place, context, force);
  }
}

/** UserState with snapshot change detection. */
export class SnapshotUserState extends UserState {
  private readonly place: StatePlace = { storage: this.storage, storageKey: this.storageKey, cacheKey: cacheKeyOf(this) };

  override load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    return load(this.place, context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveChanges(this.place, context, force);
  }
}
