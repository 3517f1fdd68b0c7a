/**
 * `npm run notify:expiring`: one expiry sweep for cron users, with the
 * server's configuration (DATABASE_URL, SMTP_URL, MAIL_FROM,
 * AUDIT_RETENTION_DAYS): KEY_EXPIRING and KEY_EXPIRED notices (and their
 * webhooks, queued for the servers to send), audit
 * retention, and one attempt to send the queued emails (what fails stays
 * queued for the next run or the server). Safe to run while servers sweep
 * too: every key is claimed atomically, so each notice goes out once.
 * Run it against a database the server has migrated.
 */
import 'reflect-metadata';
import { createDataSource } from '../ormconfig';
import { systemClock } from '../src/clock';
import { ConfigError, loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { AuditService } from '../src/modules/audit/audit.service';
import { createNotificationServices } from '../src/services';
import { writeLockOf } from '../src/write-lock';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    if (await dataSource.showMigrations()) {
      throw new Error('the database has pending migrations: start the server (or run `npm run migration:run`) first');
    }
    const audit = new AuditService(dataSource, systemClock, log, writeLockOf(dataSource));
    const { expirySweeper, mailOutbox } = createNotificationServices(config, dataSource, systemClock, log, audit);
    const report = await expirySweeper.sweep();
    await mailOutbox.close();
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `notify:expiring failed: ${(error as Error).message}\n`);
  process.exit(1);
});
