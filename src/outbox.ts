/**
 * The transactional outbox shared by emails (notifications/mail-outbox.ts)
 * and webhook deliveries (webhooks/webhook-dispatcher.ts): rows are written
 * inside the change's transaction and sent later by a loop, so a slow or
 * absent receiver never blocks or fails a GraphQL request.
 *
 * Several processes may run the loop on one database: each row is claimed
 * with one conditional UPDATE (compare-and-set on its due time) that also
 * sets a lease and counts the attempt, and only the process whose UPDATE
 * changed the row sends it. A failed attempt is retried with exponential
 * backoff until `maxAttempts`, then the row is FAILED.
 *
 * An outbox table has the columns `id`, `state` ('PENDING' | its done state |
 * 'FAILED'), `attempts`, `next_attempt_at`, `last_error` and `created_at`.
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

export interface OutboxRow {
  id: string;
  state: string;
  attempts: number;
  /** Due time; while a sender holds the row, the end of its lease. */
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
}

export interface OutboxOptions {
  pollIntervalMs: number;
  maxAttempts: number;
  /** How long a claimed row is reserved for its sender: longer than any send may take. */
  leaseMs: number;
  firstRetryMs: number;
  maxRetryMs: number;
  batch: number;
}

/** The delay before attempt `attempts + 1`: `firstMs` doubling, capped at `maxMs`. */
export function backoffMs(attempts: number, firstMs: number, maxMs: number): number {
  return Math.min(firstMs * 2 ** Math.max(0, attempts - 1), maxMs);
}

export class Outbox<Row extends OutboxRow & ObjectLiteral> {
  private timer: NodeJS.Timeout | undefined;
  /** Passes run one after another in a process; other processes are kept off by the claims. */
  private pass: Promise<unknown> = Promise.resolve();
  /** Passes running or waiting: the poll adds none while one is there, so slow passes never pile up. */
  private passes = 0;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<Row>,
    readonly options: OutboxOptions,
  ) {}

  /** Runs `work` every poll interval (a pass is skipped while the previous one runs). */
  start(work: () => Promise<unknown>): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.passes === 0) void work().catch(() => undefined);
    }, this.options.pollIntervalMs);
    this.timer.unref();
  }

  /** Runs `work` after this process's previous pass. */
  serialized<T>(work: () => Promise<T>): Promise<T> {
    this.passes++;
    const run = this.pass.then(work).finally(() => this.passes--);
    this.pass = run.catch(() => undefined);
    return run;
  }

  /** True once `stop` was called: a pass ends at its next row, and what is left stays queued. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** Rows waiting to be sent (due now or later). */
  queuedCount(): Promise<number> {
    return this.dataSource.getRepository(this.entity).countBy({ state: 'PENDING' } as never);
  }

  /** Rows due now, oldest due first. */
  due(now: Date): Promise<Row[]> {
    return this.dataSource
      .getRepository(this.entity)
      .createQueryBuilder('o')
      .where("o.state = 'PENDING' AND o.next_attempt_at <= :now", { now: now.getTime() })
      .orderBy('o.next_attempt_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(this.options.batch)
      .getMany();
  }

  /** Compare-and-set on the due time: exactly one sender wins a row. Counts the attempt. */
  async claim(row: Row, now: Date): Promise<boolean> {
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(this.entity)
      .set({ nextAttemptAt: new Date(now.getTime() + this.options.leaseMs), attempts: () => 'attempts + 1' } as never)
      .where("id = :id AND state = 'PENDING' AND next_attempt_at = :seen", { id: row.id, seen: row.nextAttemptAt.getTime() })
      .execute();
    return claimed.affected === 1;
  }

  /** Records a successful send (the row's own done state and columns). */
  async succeeded(row: Row, changes: Partial<Row>): Promise<void> {
    await this.dataSource.getRepository(this.entity).update({ id: row.id } as never, { ...changes, lastError: null } as never);
  }

  /** Records a failed attempt: due again after the backoff, or FAILED after the last attempt. Returns whether it gave up. */
  async failed(row: Row, attemptedAt: Date, error: string, changes: Partial<Row> = {}): Promise<boolean> {
    const attempts = row.attempts + 1;
    const gaveUp = attempts >= this.options.maxAttempts;
    await this.dataSource.getRepository(this.entity).update(
      { id: row.id } as never,
      {
        ...changes,
        state: gaveUp ? 'FAILED' : 'PENDING',
        nextAttemptAt: new Date(attemptedAt.getTime() + backoffMs(attempts, this.options.firstRetryMs, this.options.maxRetryMs)),
        lastError: error.trim().slice(0, 512),
      } as never,
    );
    return gaveUp;
  }

  /** Deletes rows that are no longer PENDING and were created before `cutoff`. */
  async pruneFinished(cutoff: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(this.entity)
      .where("state <> 'PENDING' AND created_at < :cutoff", { cutoff: cutoff.getTime() })
      .execute();
    return result.affected ?? 0;
  }

  /** Stops the timer and waits for the pass in progress (which ends at its next row). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }
}
