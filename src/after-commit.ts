/**
 * Work that must happen only once a transaction has committed (telling live
 * subscribers of a notification): `afterCommit(manager, work)` runs `work`
 * right after the outermost transaction of `manager` commits, never if it
 * rolls back (a MySQL deadlock victim that is run again queues its work
 * again), and at once when `manager` is not in a transaction (the write is
 * already committed). `work` must not throw; what it throws is logged.
 */
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { Logger } from './logger';

type Work = () => void;

const pending = new WeakMap<QueryRunner, Work[]>();
const installed = new WeakSet<DataSource>();

class AfterCommitSubscriber implements EntitySubscriberInterface {
  constructor(private readonly log: Logger) {}

  beforeTransactionStart(event: { queryRunner: QueryRunner }): void {
    // A new outermost transaction on a reused runner (SQLite has one) starts with nothing left from one whose rollback failed.
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    // A released savepoint commits nothing yet: wait for the outermost commit.
    if (event.queryRunner.isTransactionActive) return;
    const queued = pending.get(event.queryRunner);
    pending.delete(event.queryRunner);
    for (const work of queued ?? []) run(work, this.log);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    // Any rollback (a savepoint's too) drops what was queued: a live event for a row that is not there is worse than one missed.
    pending.delete(event.queryRunner);
  }
}

/** Registers the commit hook on a DataSource, once (on first use: typeorm reads its subscribers at each event). */
function install(dataSource: DataSource, log: Logger): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  (dataSource.subscribers as EntitySubscriberInterface[]).push(new AfterCommitSubscriber(log));
}

export function afterCommit(manager: EntityManager, work: Work, log: Logger): void {
  const runner = manager.queryRunner;
  if (!runner || !runner.isTransactionActive) {
    run(work, log);
    return;
  }
  install(manager.connection, log);
  const queued = pending.get(runner);
  if (queued) queued.push(work);
  else pending.set(runner, [work]);
}

function run(work: Work, log: Logger): void {
  try {
    work();
  } catch (error) {
    log.error({ err: { message: (error as Error).message } }, 'after-commit work failed');
  }
}
