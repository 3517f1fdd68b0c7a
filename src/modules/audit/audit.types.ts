import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType } from '../../pagination';
import { Principal } from '../users/principal.types';

export enum AuthMethod {
  PASSWORD = 'PASSWORD',
  SESSION = 'SESSION',
  API_KEY = 'API_KEY',
  ACCESS_KEY = 'ACCESS_KEY',
  ANONYMOUS = 'ANONYMOUS',
}
registerEnumType(AuthMethod, {
  name: 'AuthMethod',
  description: 'How the actor of an audited request proved who they are.',
  valuesConfig: {
    PASSWORD: { description: 'Email and password (the `login` mutation).' },
    SESSION: { description: 'A bearer session token (`kws_…`) opened by login or authenticate.' },
    API_KEY: { description: 'An API key token sent in `Authorization: ApiKey …` (or exchanged by `authenticate`).' },
    ACCESS_KEY: { description: 'An access key pair sent with HTTP Basic (or exchanged by `authenticate`).' },
    ANONYMOUS: { description: 'No credentials, or credentials that were refused.' },
  },
});

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  DENIED = 'DENIED',
  FAILED = 'FAILED',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description: 'How an audited action ended.',
  valuesConfig: {
    SUCCESS: { description: 'Done; written in the same transaction as the change.' },
    DENIED: { description: 'Refused: credentials, permission, visibility (NOT_FOUND), a locked key or a rate limit.' },
    FAILED: { description: 'Attempted and failed: bad input, a conflict, a stale ifMatch, a limit, or an internal error.' },
  },
});

@ObjectType({ implements: Node, description: 'One audited action: a mutation (whatever its outcome) or a refused authentication.' })
export class AuditEvent extends Node {
  @Field({ description: 'When it happened.' })
  at!: Date;

  @Field({ description: 'What was attempted, e.g. `apikey.create`, `user.disable`, `auth.login`, `auth.credentials`.' })
  action!: string;

  @Field(() => AuditOutcome, { description: 'SUCCESS, DENIED or FAILED.' })
  outcome!: AuditOutcome;

  @Field(() => Principal, { nullable: true, description: 'Who acted; null when anonymous, since deleted, or not a member of the active account (see `actorId`).' })
  actor!: Principal | null;

  @Field(() => ID, { nullable: true, description: 'ID of the actor, kept when the principal is deleted.' })
  actorId!: string | null;

  @Field(() => AuthMethod, { description: 'How the actor authenticated.' })
  authMethod!: AuthMethod;

  @Field(() => ID, { nullable: true, description: 'The key that authenticated the request (directly or through its session), or the key a refusal names.' })
  keyId!: string | null;

  @Field(() => String, { nullable: true, description: 'Type of what was acted on (`ApiKey`, `User`, …).' })
  targetType!: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of what was acted on.' })
  targetId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Account the request acted in.' })
  accountId!: string | null;

  @Field({ description: 'Request ID (`X-Request-Id`, `extensions.requestId`): joins the event to the server logs.' })
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'Client IP address.' })
  ip!: string | null;

  @Field(() => String, { nullable: true, description: 'Client User-Agent (first 256 characters).' })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'Error code (`extensions.code`) of a DENIED or FAILED event.' })
  errorCode!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Small facts about the event (e.g. the private reason of a refused authentication). Never a secret.' })
  details!: Record<string, unknown> | null;
}

export const AuditEventConnection = ConnectionType(AuditEvent, 'AuditEvent', 'audit event');

@InputType({ description: 'Narrows `auditEvents`; all given conditions must hold.' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Exactly this action, e.g. `apikey.delete`.' })
  @IsOptional()
  @MaxLength(64)
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events of this actor.' })
  @IsOptional()
  @MaxLength(64)
  actorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events about this target (a key, a user, …).' })
  @IsOptional()
  @MaxLength(64)
  targetId?: string | null;

  @Field(() => AuditOutcome, { nullable: true, description: 'Only this outcome.' })
  @IsOptional()
  outcome?: AuditOutcome | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  @IsOptional()
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Strictly before this time.' })
  @IsOptional()
  until?: Date | null;
}
