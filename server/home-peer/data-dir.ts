/**
 * The data directory: created owner-only, and locked so two home peers never write one store.
 *
 * The lock is an exclusive SQLite lock on a file of its own (`home-peer.lock`), held for the
 * life of the process. SQLite locks are POSIX record locks, which the kernel drops when the
 * process dies — SIGKILL and power cuts included — so a crash never leaves a stale lock that
 * someone must delete by hand, as a pid file would.
 */
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'home-peer.lock';

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

/** Creates `dir` (mode 0700) when absent; refuses a path that is not a directory. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new DataDirError(`Cannot create the data directory ${dir}: ${(err as Error).message}`);
  }
  if (!statSync(dir).isDirectory()) {
    throw new DataDirError(`The data directory ${dir} is not a directory.`);
  }
}

export interface DataDirLock {
  release(): void;
}

/** Locks `dir` for this process, or throws `DataDirError` if another process holds it. */
export function lockDataDir(dir: string): DataDirLock {
  const db = new Database(join(dir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirError(
        `Another home peer is already running with ${dir}. Stop it first (one data directory, one process).`,
      );
    }
    throw err;
  }
  return {
    release: () => {
      if (!db.open) return;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
