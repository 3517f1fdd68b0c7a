/**
 * The time budget of a stop (`SHUTDOWN_GRACE_MS`): each step of the shutdown
 * gets what is left of it, and a step that fails or is still running when the
 * budget ends is noted as unfinished, so the stop itself always ends in time
 * and says what it left undone.
 */
import type { Logger } from './logger';

export interface StopReport {
  /** Nothing was cut or lost: every request answered, background work ended, pending usage written. */
  drained: boolean;
  /** The steps that failed or did not finish within the budget. */
  unfinished: string[];
  durationMs: number;
}

export class ShutdownBudget {
  readonly unfinished: string[] = [];
  private readonly started = Date.now();

  constructor(
    readonly deadline: number,
    private readonly log: Logger,
  ) {}

  get remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** Waits for `work` until the deadline at most; false (and noted as unfinished) if it failed or was still running. */
  async step(what: string, work: Promise<unknown>): Promise<boolean> {
    const outcome = await this.wait(work);
    if (outcome.done) return true;
    this.unfinished.push(what);
    if (outcome.error) this.log.warn({ err: outcome.error.message }, `stopping: ${what} failed`);
    else this.log.warn({ remainingMs: this.remainingMs }, `stopping: ${what} did not finish within the grace period`);
    return false;
  }

  /** Waits for `work` until the deadline at most, and only logs if it failed or was late: for steps that lose nothing. */
  async attempt(what: string, work: Promise<unknown>): Promise<void> {
    const outcome = await this.wait(work);
    if (!outcome.done) this.log.warn({ err: outcome.error?.message, remainingMs: this.remainingMs }, `stopping: ${what} did not finish cleanly (nothing pending is lost)`);
  }

  /** Waits for `work` until the deadline at most, noting nothing: for what is only worth reporting. */
  async wait<T>(work: Promise<T>): Promise<{ done: true; value: T } | { done: false; error?: Error }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ done: false }>((resolve) => (timer = setTimeout(() => resolve({ done: false }), this.remainingMs)));
    const settled = work.then(
      (value) => ({ done: true as const, value }),
      (error: unknown) => ({ done: false as const, error: error as Error }),
    );
    try {
      return await Promise.race([settled, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  report(): StopReport {
    return { drained: this.unfinished.length === 0, unfinished: [...this.unfinished], durationMs: Date.now() - this.started };
  }
}
