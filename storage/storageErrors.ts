/**
 * The one list of coded errors raised by `storage/`. Codes are stable: callers (BotState retries,
 * GET /readyz, start-up) branch on `code`, never on message text.
 */

/** Every error code the storage area can raise. */
export const storageErrorCodes = {
  /** A write carried an eTag that no longer matches the stored item. */
  etagConflict: 'WL_STORAGE_ETAG_CONFLICT',
  /** A caller passed something that is not what the method takes. */
  invalidArgument: 'WL_STORAGE_INVALID_ARGUMENT',
  /** A value could not be turned into JSON (cycle, BigInt, ...). */
  notSerializable: 'WL_STORAGE_NOT_SERIALIZABLE',
  /** A continuation token was not one this store handed out. */
  badContinuationToken: 'WL_STORAGE_BAD_CONTINUATION_TOKEN',
  /** The SQLite file could not be opened or migrated. */
  openFailed: 'WL_STORAGE_OPEN_FAILED',
  /** The store did not answer (connect failed, connection lost, ping failed). */
  unavailable: 'WL_STORAGE_UNAVAILABLE',
  /** The SQLite file is damaged ("database disk image is malformed"): restore it from a backup. */
  corrupt: 'WL_STORAGE_CORRUPT',
  /** The backend was closed by its owner. */
  closed: 'WL_STORAGE_CLOSED',
} as const;

/** One of the values of {@link storageErrorCodes}. */
export type StorageErrorCode = (typeof storageErrorCodes)[keyof typeof storageErrorCodes];

/** Base class of storage errors that are not argument mistakes; carries a stable `code`. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/**
 * Raised by `Storage.write` when an item's eTag differs from the stored one. Nothing in that
 * `write` call was stored; read the item again, re-apply the change and retry.
 */
export class ETagConflictError extends StorageError {
  constructor(readonly key: string) {
    super(storageErrorCodes.etagConflict, `Storage: eTag conflict writing key ${JSON.stringify(key)}; nothing in this write was stored`);
    this.name = 'ETagConflictError';
  }
}

/** Raised when a value to store (a state item, an activity) cannot be serialised as JSON. */
export class StorageSerializationError extends StorageError {
  /** @param subject What could not be stored, e.g. `item "user/1"`. */
  constructor(
    readonly subject: string,
    cause: unknown,
  ) {
    super(storageErrorCodes.notSerializable, `Storage: ${subject} cannot be stored as JSON: ${describeCause(cause)}`, { cause });
    this.name = 'StorageSerializationError';
  }
}

/**
 * Raised when a storage method is called with the wrong kind of argument. A `TypeError`, as a
 * programming mistake should be, with a stable `code` like every other storage error.
 */
export class StorageArgumentError extends TypeError {
  constructor(
    message: string,
    readonly code: StorageErrorCode = storageErrorCodes.invalidArgument,
  ) {
    super(message);
    this.name = 'StorageArgumentError';
  }
}

/** A short, single-line description of an unknown thrown value, for error messages. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
