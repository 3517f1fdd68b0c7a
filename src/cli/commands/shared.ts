/** Pieces several command groups use. */
import type { Command } from 'commander';
import type { KeywardenClient } from '../client';
import type { CliContext } from '../context';
import { examples, type App } from '../app';

/**
 * `<group> delete <ref> [--dry-run] [--yes]` for the deletes that answer a DeletePayload:
 * resolves the reference, asks first, and prints what was (or would be) deleted.
 */
export function deleteCommand(
  app: App,
  group: Command,
  what: string,
  example: string[],
  resolve: (client: KeywardenClient, ref: string) => Promise<string>,
  remove: (client: KeywardenClient, id: string, dryRun: boolean) => Promise<{ deletedId: string; dryRun: boolean }>,
  description: string,
): void {
  examples(
    group
      .command('delete')
      .description(`${description} (asks first).`)
      .argument(`<${what}>`, 'ID or name')
      .option('--dry-run', 'run every check, delete nothing')
      .option('-y, --yes', 'do not ask')
      .action(
        app.run(async (ctx: CliContext, ref: string) => {
          const client = await ctx.client();
          const id = await resolve(client, ref);
          const dryRun = ctx.options.dryRun === true;
          if (!dryRun) await ctx.confirm(`Delete ${what} ${ref}?`);
          ctx.print(await remove(client, id, dryRun), (d) => (d.dryRun ? `Dry run: ${d.deletedId} can be deleted.\n` : `Deleted ${d.deletedId}.\n`));
        }),
      ),
    example,
  );
}
