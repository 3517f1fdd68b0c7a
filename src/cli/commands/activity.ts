/** `keywarden audit …` and `keywarden notification …`: what happened, and what you were told. */
import { Option, type Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import { UsageError } from '../context';
import { table } from '../output';
import { collect, withPaging } from '../paging';
import { examples, type App } from '../app';
import { principalId } from '../resolve';
import { isoDate } from '../values';

export function registerActivity(program: Command, app: App): void {
  const audit = program.command('audit').description('The audit trail of the active account (needs audit.read).');
  examples(
    withPaging(
      audit
        .command('list')
        .description('List audit events, newest first.')
        .option('--action <action>', 'only this action (apikey.create, auth.login, …)')
        .option('--actor <principal>', 'only what this user (ID or email) or functional ID (ID or name) did')
        .addOption(new Option('--outcome <outcome>', 'only this outcome').choices(['success', 'failed', 'denied']))
        .option('--target <id>', 'only events about this ID')
        .option('--since <date>', 'only from this ISO 8601 time', isoDate('--since'))
        .option('--until <date>', 'only until this ISO 8601 time', isoDate('--until')),
    ).action(
      app.run(async (ctx) => {
        const o = ctx.options;
        const client = await ctx.client();
        const filter: ops.AuditEventFilter = {
          action: o.action as string | undefined,
          actorId: o.actor ? await principalId(client, o.actor as string) : undefined,
          outcome: o.outcome ? (String(o.outcome).toUpperCase() as ops.AuditOutcome) : undefined,
          targetId: o.target as string | undefined,
          since: o.since as string | undefined,
          until: o.until as string | undefined,
        };
        const events = await collect(ctx, async (first, after) => (await client.request(ops.AuditEventsDocument, { filter, first, after })).auditEvents);
        ctx.print(events, (rows) =>
          table(rows, [
            ['At', (e) => e.at],
            ['Action', (e) => e.action],
            ['Outcome', (e) => e.outcome],
            ['Actor', (e) => e.actor?.name],
            ['Target', (e) => e.targetId],
            ['IP', (e) => e.ip],
          ]),
        );
      }),
    ),
    ['keywarden audit list --limit 20', 'keywarden audit list --action apikey.create --outcome success --since 2026-01-01T00:00:00Z --all --format json'],
  );

  const notification = program.command('notification').description('Your notifications (key expiry, leaks, changes made for you).');
  examples(
    withPaging(notification.command('list').description('List your notifications, newest first.').option('--unread', 'only unread ones')).action(
      app.run(async (ctx) => {
        const client = await ctx.client();
        const unreadOnly = ctx.options.unread === true;
        const rows = await collect(ctx, async (first, after) => (await client.request(ops.NotificationsDocument, { unreadOnly, first, after })).notifications);
        ctx.print(rows, (r) => table(r, [['ID', (n) => n.id], ['At', (n) => n.createdAt], ['Kind', (n) => n.kind], ['Read', (n) => (n.readAt ? 'yes' : 'no')], ['Message', (n) => n.message]]));
      }),
    ),
    ['keywarden notification list --unread'],
  );
  examples(
    notification
      .command('read')
      .description('Mark notifications read: the IDs given, or --every one.')
      .argument('[ids...]', 'notification IDs (ntf_…)')
      .option('--every', 'every notification of yours')
      .action(
        app.run(async (ctx, ids: string[]) => {
          const client = await ctx.client();
          if (!ctx.options.every && ids.length === 0) throw new UsageError('notification read needs IDs or --every');
          const marked = ctx.options.every
            ? (await client.request(ops.MarkAllNotificationsReadDocument)).markAllNotificationsRead
            : (await client.request(ops.MarkNotificationsReadDocument, { ids })).markNotificationsRead;
          ctx.print({ marked }, (r) => `Marked ${r.marked} notification(s) read.\n`);
        }),
      ),
    ['keywarden notification read --every'],
  );
}
