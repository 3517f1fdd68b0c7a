/**
 * `keywarden webhook …`: the active account's webhooks and their deliveries. WEBHOOK is an ID
 * (whk_…) or the webhook's URL; a delivery is an ID (whd_…).
 */
import { Option, type Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import type { KeywardenClient } from '../client';
import { RefusedError, UsageError, type CliContext } from '../context';
import { details, table } from '../output';
import { collect, fetchAll, withPaging } from '../paging';
import { examples, type App } from '../app';
import { collectList, wholeNumber, yesNo } from '../values';
import { deleteCommand } from './shared';

type WebhookFields = ops.WebhookFieldsFragment;
type DeliveryFields = ops.WebhookDeliveryFieldsFragment;

const show = (w: WebhookFields) =>
  details([
    ['ID', w.id],
    ['URL', w.url],
    ['Description', w.description],
    ['Events', w.events],
    ['Enabled', w.enabled],
    ['Old secret until', w.previousSecretExpiresAt ?? '-'],
    ['Created', w.createdAt],
    ['Updated', w.updatedAt],
  ]);

const deliveryDetails = (d: DeliveryFields) =>
  details([
    ['ID', d.id],
    ['Webhook', d.webhookId],
    ['Message ID', d.messageId],
    ['Event', d.eventType],
    ['State', d.state],
    ['Attempts', d.attempts],
    ['Last status', d.lastStatus],
    ['Last error', d.lastError],
    ['Created', d.createdAt],
    ['Next attempt', d.nextAttemptAt],
    ['Delivered', d.deliveredAt],
  ]);

export async function webhookId(client: KeywardenClient, ref: string): Promise<string> {
  if (/^whk_[0-9A-Z]{26}$/.test(ref)) return ref;
  const webhooks = await fetchAll(async (first, after) => (await client.request(ops.ListWebhooksDocument, { first, after })).webhooks);
  const matches = webhooks.filter((w) => w.url === ref);
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0) throw new RefusedError(`no webhook with the URL "${ref}" in the active account`);
  throw new RefusedError(`${matches.length} webhooks have the URL "${ref}": ${matches.map((w) => w.id).join(', ')}; use the ID`);
}

/** Shows a new signing secret once. */
function showSecret(ctx: CliContext, payload: { secret?: string | null; dryRun: boolean; webhook: WebhookFields }): void {
  if (payload.dryRun) return ctx.print({ dryRun: true, webhook: payload.webhook }, () => 'Dry run: every check passed; nothing was changed.\n');
  ctx.print({ secret: payload.secret, webhook: payload.webhook }, (p) =>
    `${show(p.webhook)}Signing secret: ${p.secret}\nThis is the only time the secret is shown: store it now.\n`,
  );
}

const eventsOption = () => new Option('--event <type>', 'an event type to send, e.g. apikey.created (repeatable, or comma-separated)').argParser(collectList);

export function registerWebhooks(program: Command, app: App): void {
  const group = program
    .command('webhook')
    .description('Webhooks of the active account: URLs that hear of its events, signed (Standard Webhooks). WEBHOOK is an ID (whk_…) or its URL.');

  examples(
    group
      .command('create')
      .description('Create a webhook; its signing secret is shown once.')
      .argument('<url>', 'an https:// URL (http:// only for hosts in the server\'s WEBHOOK_ALLOWED_HOSTS)')
      .addOption(eventsOption().makeOptionMandatory())
      .option('-d, --description <text>', 'what it is for')
      .option('--dry-run', 'run every check, create nothing')
      .action(
        app.run(async (ctx, url: string) => {
          const o = ctx.options;
          const { createWebhook } = await (await ctx.client()).request(ops.CreateWebhookDocument, {
            input: { url, events: o.event as string[], description: o.description as string | undefined, dryRun: o.dryRun === true },
          });
          showSecret(ctx, createWebhook);
        }),
      ),
    [
      'keywarden webhook create http://127.0.0.1:8080/keywarden --event apikey.created,apikey.deleted -d "key events" --dry-run',
      'keywarden webhook create http://127.0.0.1:8080/keywarden --event apikey.created --event apikey.deleted -d "key events"',
    ],
  );

  examples(
    withPaging(group.command('list').description('List the webhooks of the active account.')).action(
      app.run(async (ctx) => {
        const client = await ctx.client();
        const webhooks = await collect(ctx, async (first, after) => (await client.request(ops.ListWebhooksDocument, { first, after })).webhooks);
        ctx.print(webhooks, (rows) =>
          table(rows, [
            ['ID', (w) => w.id],
            ['URL', (w) => w.url],
            ['EVENTS', (w) => w.events],
            ['ENABLED', (w) => w.enabled],
          ]),
        );
      }),
    ),
    ['keywarden webhook list', 'keywarden webhook list --format yaml'],
  );

  examples(
    group
      .command('update')
      .description('Change a webhook; options left out stay as they are. --event replaces the whole list.')
      .argument('<webhook>', 'ID or URL')
      .option('--url <url>', 'a new URL')
      .addOption(eventsOption())
      .option('-d, --description <text>', 'a new description')
      .option('--enabled <bool>', 'send events to it (true), or hold them back (false)', yesNo('--enabled'))
      .action(
        app.run(async (ctx, ref: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { updateWebhook } = await client.request(ops.UpdateWebhookDocument, {
            input: {
              id: await webhookId(client, ref),
              url: o.url as string | undefined,
              events: o.event as string[] | undefined,
              description: o.description as string | undefined,
              enabled: o.enabled as boolean | undefined,
            },
          });
          ctx.print(updateWebhook, show);
        }),
      ),
    ['keywarden webhook update http://127.0.0.1:8080/keywarden --event apikey.created,apikey.leaked --enabled false'],
  );

  examples(
    group
      .command('rotate-secret')
      .description('Make a new signing secret (shown once); the old one keeps signing beside it for --grace seconds (asks first).')
      .argument('<webhook>', 'ID or URL')
      .option('--grace <seconds>', 'how long the old secret keeps signing (0 to 604800; default 86400)', wholeNumber('--grace'))
      .option('--dry-run', 'run every check, change nothing')
      .option('-y, --yes', 'do not ask')
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const id = await webhookId(client, ref);
          const dryRun = ctx.options.dryRun === true;
          if (!dryRun) await ctx.confirm(`Rotate the signing secret of webhook ${ref}?`);
          const { rotateWebhookSecret } = await client.request(ops.RotateWebhookSecretDocument, {
            input: { id, gracePeriodSeconds: ctx.options.grace as number | undefined, dryRun },
          });
          showSecret(ctx, rotateWebhookSecret);
        }),
      ),
    ['keywarden webhook rotate-secret http://127.0.0.1:8080/keywarden --grace 3600 --yes'],
  );

  examples(
    withPaging(
      group
        .command('deliveries')
        .description("List a webhook's deliveries, newest first: their state, attempts and last answer.")
        .argument('<webhook>', 'ID or URL'),
    ).action(
      app.run(async (ctx, ref: string) => {
        const client = await ctx.client();
        const id = await webhookId(client, ref);
        const deliveries = await collect(ctx, async (first, after) => (await client.request(ops.ListWebhookDeliveriesDocument, { webhookId: id, first, after })).webhookDeliveries);
        ctx.print(deliveries, (rows) =>
          table(rows, [
            ['ID', (d) => d.id],
            ['EVENT', (d) => d.eventType],
            ['STATE', (d) => d.state],
            ['ATTEMPTS', (d) => d.attempts],
            ['LAST STATUS', (d) => d.lastStatus ?? d.lastError],
            ['CREATED', (d) => d.createdAt],
          ]),
        );
      }),
    ),
    ['keywarden webhook deliveries http://127.0.0.1:8080/audit', 'keywarden webhook deliveries http://127.0.0.1:8080/audit --limit 10 --format json'],
  );

  examples(
    group
      .command('redeliver')
      .description("Queue a delivery's event again, as a new delivery with the same webhook-id (receivers can drop duplicates).")
      .argument('[delivery]', 'the delivery ID (whd_…)')
      .option('--last <webhook>', 'the newest delivery of this webhook (ID or URL) instead')
      .action(
        app.run(async (ctx, delivery: string | undefined) => {
          const client = await ctx.client();
          const last = ctx.options.last as string | undefined;
          if (!delivery === !last) throw new UsageError('redeliver needs a delivery ID, or --last WEBHOOK (not both)');
          let deliveryId = delivery;
          if (last) {
            const page = (await client.request(ops.ListWebhookDeliveriesDocument, { webhookId: await webhookId(client, last), first: 1 })).webhookDeliveries;
            deliveryId = page.edges[0]?.node.id;
            if (!deliveryId) throw new RefusedError(`webhook ${last} has no deliveries yet`);
          }
          const { redeliverWebhook } = await client.request(ops.RedeliverWebhookDocument, { deliveryId: deliveryId! });
          ctx.print(redeliverWebhook, deliveryDetails);
        }),
      ),
    ['keywarden webhook redeliver --last http://127.0.0.1:8080/audit'],
  );

  deleteCommand(
    app,
    group,
    'webhook',
    ['keywarden webhook delete http://127.0.0.1:8080/keywarden --yes'],
    webhookId,
    async (client, id, dryRun) => (await client.request(ops.DeleteWebhookDocument, { id, dryRun })).deleteWebhook,
    'Delete a webhook; its pending deliveries are dropped',
  );
}
