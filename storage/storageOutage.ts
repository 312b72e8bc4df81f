/**
 * Tells a failing store (unreachable, damaged, closed) apart from a mistake in one request, so
 * that the turn error handler stops touching a store that cannot answer and readiness can say why.
 */
import { storageErrorCodes } from './storageErrors';
import type { StorageErrorCode } from './storageErrors';

/** The codes that mean the store itself is failing, not one request. */
export type StorageOutageCode = typeof storageErrorCodes.unavailable | typeof storageErrorCodes.corrupt | typeof storageErrorCodes.closed;

const outageCodes: ReadonlySet<StorageErrorCode> = new Set([storageErrorCodes.unavailable, storageErrorCodes.corrupt, storageErrorCodes.closed]);
const maxDepth = 5;

/**
 * The outage behind `error`, looking through `cause` and a wrapped `error` (botbuilder's
 * `DialogContextError`), or `undefined` when the error is not the store failing.
 */
export function storageOutageCode(error: unknown): StorageOutageCode | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < maxDepth && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (outageCodes.has(code as StorageErrorCode)) return code as StorageOutageCode;
      const sqlite = sqliteOutageCode(code);
      if (sqlite) return sqlite;
    }
    const wrapper = current as { cause?: unknown; error?: unknown };
    current = wrapper.cause ?? wrapper.error;
  }
  return undefined;
}

/** What a better-sqlite3 error code (`SQLITE_CORRUPT`, `SQLITE_IOERR_READ`, ...) says about the file. */
export function sqliteOutageCode(code: string): StorageOutageCode | undefined {
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return storageErrorCodes.corrupt;
  if (/^SQLITE_(IOERR|FULL|CANTOPEN|READONLY)/.test(code)) return storageErrorCodes.unavailable;
  return undefined;
}
