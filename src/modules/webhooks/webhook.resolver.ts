import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { PageArgs } from '../../pagination';
import { DeleteArgs, DeletePayload } from '../../payloads';
import type { WebhookDeliveryEntity } from './webhook.entity';
import {
  CreateWebhookInput,
  RotateWebhookSecretInput,
  UpdateWebhookInput,
  Webhook,
  WebhookConnection,
  WebhookDeliveriesArgs,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookSecretPayload,
} from './webhook.types';

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => WebhookConnection, { description: 'The webhooks of the active account, newest first (needs `webhooks.manage`).' })
  webhooks(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.webhooks.list(ctx, page);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'A webhook\'s deliveries, newest first, with their attempts (needs `webhooks.manage`).' })
  webhookDeliveries(@Args() { webhookId, ...page }: WebhookDeliveriesArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.webhooks.deliveries(ctx, webhookId, page);
  }

  @Mutation(() => WebhookSecretPayload, {
    description: 'Creates a webhook of the active account (needs `webhooks.manage`); its signing secret is in the payload, this once.',
  })
  createWebhook(@Arg('input', { description: 'The new webhook.' }) input: CreateWebhookInput, @Ctx() ctx: RequestContext) {
    return ctx.services.webhooks.create(ctx, input);
  }

  @Mutation(() => Webhook, { description: 'Changes a webhook\'s URL, events, description, or pauses and resumes it (needs `webhooks.manage`).' })
  updateWebhook(@Arg('input', { description: 'The changes.' }) input: UpdateWebhookInput, @Ctx() ctx: RequestContext) {
    return ctx.services.webhooks.update(ctx, input);
  }

  @Mutation(() => WebhookSecretPayload, {
    description: 'Gives a webhook a new signing secret, shown this once; the old one keeps signing beside it for the grace period (needs `webhooks.manage`).',
  })
  rotateWebhookSecret(@Arg('input', { description: 'Which webhook, and the overlap.' }) input: RotateWebhookSecretInput, @Ctx() ctx: RequestContext) {
    return ctx.services.webhooks.rotateSecret(ctx, input);
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a webhook and its deliveries (needs `webhooks.manage`).' })
  deleteWebhook(@Args() { id, dryRun }: DeleteArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.webhooks.delete(ctx, id, dryRun);
  }

  @Mutation(() => WebhookDelivery, {
    description: 'Queues a delivery\'s event again, with the same `webhook-id` and body, to the webhook as it is now (needs `webhooks.manage`).',
  })
  redeliverWebhook(
    @Arg('deliveryId', () => ID, { description: 'The delivery to send again (`whd_…`).' }) deliveryId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.webhooks.redeliver(ctx, deliveryId);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt(@Root() delivery: WebhookDeliveryEntity): Date | null {
    return delivery.state === 'PENDING' ? delivery.nextAttemptAt : null;
  }
}
