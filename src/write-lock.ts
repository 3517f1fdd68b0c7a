/**
 * Serialises write transactions on SQLite. typeorm's better-sqlite3 driver
 * has ONE connection and ONE query runner: two concurrent
 * `dataSource.transaction()` calls interleave on it (the second becomes a
 * SAVEPOINT inside the first), so a "count, then insert" check would not
 * hold and one request's rollback could undo another's writes. On MySQL each
 * transaction has its own pooled connection: nothing to do.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly enabled: boolean) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.enabled) return work();
    const result = this.tail.then(work);
    // The next writer waits for this one to settle, whether it committed or failed.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
