import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EVENT_TYPES } from '../../events';
import { Node } from '../../node';
import { ConnectionType, PageArgs } from '../../pagination';

const EVENT_LIST = Object.keys(EVENT_TYPES).map((type) => `\`${type}\``).join(', ');
/** The longest overlap of a secret rotation: 7 days, as for API keys. */
export const MAX_WEBHOOK_GRACE_SECONDS = 604_800;

export enum WebhookDeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Queued, being attempted, or waiting for its next retry (`nextAttemptAt`).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed (`WEBHOOK_MAX_ATTEMPTS`); `redeliverWebhook` queues it again.' },
  },
});

@ObjectType({ implements: Node, description: 'A receiver of the active account\'s events, signed as Standard Webhooks do.' })
export class Webhook extends Node {
  @Field({ description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the webhook is for.' })
  description!: string | null;

  @Field(() => [String], { description: `The event types delivered: ${EVENT_LIST}.` })
  events!: string[];

  @Field({ description: 'False: no new deliveries are queued, and queued ones are not sent.' })
  enabled!: boolean;

  @Field(() => Date, { nullable: true, description: 'While a rotated-out secret still signs too (deliveries carry both signatures): until when.' })
  previousSecretExpiresAt!: Date | null;

  @Field({ description: 'When the webhook was created.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;
}

export const WebhookConnection = ConnectionType(Webhook, 'Webhook', 'webhook');

@ObjectType({ implements: Node, description: 'One event sent (or to be sent) to one webhook, with its attempts.' })
export class WebhookDelivery extends Node {
  @Field(() => ID, { description: 'The webhook.' })
  webhookId!: string;

  @Field({ description: 'The `webhook-id` header: the same for every attempt and redelivery of this event, so receivers can drop duplicates.' })
  messageId!: string;

  @Field({ description: `The event type: ${EVENT_LIST}.` })
  eventType!: string;

  @Field({ description: 'The JSON body, exactly as signed and sent. It never holds a secret.' })
  payload!: string;

  @Field(() => WebhookDeliveryState, { description: 'Where it stands.' })
  state!: WebhookDeliveryState;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer; null when there was none.' })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt was made.' })
  lastAttemptAt!: Date | null;

  @Field({ description: 'When the event was queued.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the receiver accepted it.' })
  deliveredAt!: Date | null;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery', 'webhook delivery');

@ObjectType({ description: 'A webhook with its signing secret, shown this once.' })
export class WebhookSecretPayload {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: Webhook;

  @Field(() => String, { nullable: true, description: 'The signing secret (`whsec_…`): store it now, it is never shown again. Null on dryRun.' })
  secret!: string | null;

  @Field({ description: 'True when nothing was written because the call was a dry run.' })
  dryRun!: boolean;
}

@InputType({ description: 'A new webhook of the active account.' })
export class CreateWebhookInput {
  @Field({ description: 'An https:// URL with a public address (internal ones and http:// only for hosts in WEBHOOK_ALLOWED_HOSTS).' })
  @MaxLength(2048)
  url!: string;

  @Field(() => [String], { description: `The event types to deliver, at least one: ${EVENT_LIST}.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @MaxLength(64, { each: true })
  events!: string[];

  @Field(() => String, { nullable: true, description: 'What the webhook is for.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Run every check (the URL included) and write nothing; no secret is made.' })
  @IsOptional()
  dryRun!: boolean;
}

@InputType({ description: 'Changes to a webhook; omitted fields stay as they are.' })
export class UpdateWebhookInput {
  @Field(() => ID, { description: 'Webhook ID (`whk_…`).' })
  @MaxLength(64)
  id!: string;

  @Field(() => String, { nullable: true, description: 'A new URL, checked as on create.' })
  @IsOptional()
  @MaxLength(2048)
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'The new full list of event types, at least one.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @MaxLength(64, { each: true })
  events?: string[] | null;

  @Field(() => String, { nullable: true, description: 'New description (empty clears it).' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False pauses the webhook; true resumes it.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType({ description: 'A new signing secret for a webhook.' })
export class RotateWebhookSecretInput {
  @Field(() => ID, { description: 'Webhook ID (`whk_…`).' })
  @MaxLength(64)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 86_400,
    description: `For how long the old secret keeps signing beside the new one, 0 to ${MAX_WEBHOOK_GRACE_SECONDS} seconds (default a day): receivers move to the new secret meanwhile.`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WEBHOOK_GRACE_SECONDS)
  gracePeriodSeconds!: number;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Run every check and write nothing; no secret is made.' })
  @IsOptional()
  dryRun!: boolean;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The webhook (`whk_…`).' })
  @MaxLength(64)
  webhookId!: string;
}
