/**
 * Damages a SQLite file the way a failing disk would: pages in the middle of the file are
 * overwritten with garbage, under a process that still has it open.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Moves everything from the WAL into the main file (so the data lives in the pages about to be
 * damaged), then fills every page but the first (header and schema) and the last with 0xA5 bytes.
 * Returns how many pages were overwritten.
 */
export function damageSqliteFile(filePath: string): number {
  const other = new BetterSqlite3(filePath);
  const pageSize = Number(other.pragma('page_size', { simple: true }));
  const [checkpoint] = other.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  other.close();
  if (checkpoint?.busy !== 0) throw new Error(`${filePath} is busy: its WAL could not be moved into the file`);
  const pages = Math.floor(statSync(filePath).size / pageSize);
  if (pages < 3) throw new Error(`${filePath} has ${pages} pages; write more before damaging it`);
  const garbage = Buffer.alloc(pageSize, 0xa5);
  const fd = openSync(filePath, 'r+');
  try {
    for (let page = 1; page < pages - 1; page++) writeSync(fd, garbage, 0, pageSize, page * pageSize);
  } finally {
    closeSync(fd);
  }
  return pages - 2;
}
