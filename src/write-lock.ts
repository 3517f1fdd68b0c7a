/**
 * Serialises writes on SQLite. typeorm's better-sqlite3 driver has ONE
 * connection and ONE query runner: two concurrent `dataSource.transaction()`
 * calls interleave on it (the second becomes a SAVEPOINT inside the first and
 * is undone by the first's ROLLBACK although it reported success), and a
 * plain write issued meanwhile lands inside whichever transaction is open.
 * So every write outside startup goes through `run`: write transactions
 * (`RequestContext.transaction`) and the few plain writes (audit events of
 * refusals, sessions, batched key usage). On MySQL each transaction has its
 * own pooled connection: `run` just runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();
  /** Set while a writer holds the lock: a nested `run` (a write inside a transaction) goes straight through instead of deadlocking. */
  private readonly holding = new AsyncLocalStorage<true>();

  constructor(readonly enabled: boolean) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.enabled || this.holding.getStore()) return work();
    const result = this.tail.then(() => this.holding.run(true, work));
    // The next writer waits for this one to settle, whether it committed or failed.
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const locks = new WeakMap<DataSource, WriteLock>();
const ER_LOCK_DEADLOCK = 1213;
const DEADLOCK_ATTEMPTS = 3;

/** The write lock of a DataSource (enabled on SQLite only). */
export function writeLockOf(dataSource: DataSource): WriteLock {
  let lock = locks.get(dataSource);
  if (!lock) {
    lock = new WriteLock(dataSource.options.type === 'better-sqlite3');
    locks.set(dataSource, lock);
  }
  return lock;
}

/**
 * Makes every transaction of the DataSource take its write lock (SQLite), or retry as a deadlock victim
 * (MySQL), so no code
 * path (requests, the expiry sweeper, the mail outbox) can forget it. Plain
 * writes outside a transaction call `writeLockOf(dataSource).run` themselves.
 */
export function serializeSqliteWrites(dataSource: DataSource): void {
  const lock = writeLockOf(dataSource);
  const manager = dataSource.manager;
  if (!lock.enabled) {
    // MySQL/InnoDB: a transaction chosen as a deadlock victim was rolled back whole; run it again (a few times).
    const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
    manager.transaction = (async (...args: unknown[]) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await transaction(...args);
        } catch (error) {
          const code = (error as { driverError?: { errno?: number }; errno?: number }).driverError?.errno ?? (error as { errno?: number }).errno;
          if (code !== ER_LOCK_DEADLOCK || attempt >= DEADLOCK_ATTEMPTS) throw error;
        }
      }
    }) as typeof manager.transaction;
    return;
  }
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => lock.run(() => transaction(...args))) as typeof manager.transaction;
}
