/**
 * The GraphQL schema, built once at start from the type-graphql resolvers,
 * then wrapped by the audit trail (outermost, so it sees refusals) and the
 * graphql-shield permissions.
 */
import 'reflect-metadata';
import { GraphQLDateTime } from 'graphql-scalars';
import { isInterfaceType, isObjectType, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema, getMetadataStorage, type NonEmptyArray, type PubSub } from 'type-graphql';
import { OPEN_QUERY_FIELDS, permissions, SETTLED_BY_PARENT } from './permissions';
import { NodeResolver } from './node.resolver';
import { AccountResolver } from './modules/accounts/account.resolver';
import { ApiKeyResolver } from './modules/api-keys/api-key.resolver';
import { auditTrail } from './modules/audit/audit-trail.middleware';
import { AuditResolver } from './modules/audit/audit.resolver';
import { AuthResolver } from './modules/auth/auth.resolver';
import { NotificationResolver } from './modules/notifications/notification.resolver';
import { NotificationStream } from './modules/notifications/notification-stream';
import { createClusterBus } from './cluster-bus';
import { createLogger } from './logger';
import { RoleResolver } from './modules/roles/role.resolver';
import { UserResolver } from './modules/users/user.resolver';
import { FunctionalIdResolver } from './modules/functional-ids/functional-id.resolver';
import { GroupResolver } from './modules/groups/group.resolver';
import { ServiceResolver } from './modules/services/service.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from './modules/webhooks/webhook.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  NodeResolver,
  UserResolver,
  AccountResolver,
  RoleResolver,
  // Identities and access
  FunctionalIdResolver,
  GroupResolver,
  // API keys
  ApiKeyResolver,
  // Protecting your services
  ServiceResolver,
  // Notifications and audit
  NotificationResolver,
  AuditResolver,
  // Webhooks
  WebhookResolver,
  WebhookDeliveryResolver,
];

/**
 * The bare schema: what `schema.graphql` shows. `pubSub` feeds the subscriptions: the server passes its
 * notification stream's; without one (schema:emit, schema tests) nothing is ever published.
 */
export async function buildBareSchema(resolvers: NonEmptyArray<Function> = RESOLVERS, pubSub: PubSub = idlePubSub()): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    validate: true,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    pubSub,
  });
  // type-graphql has no place for root type descriptions; the playground and codegen show them.
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'What can be read. Anonymous callers may read only `viewer`.';
  if (mutation) mutation.description = 'What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`.';
  const subscription = schema.getSubscriptionType();
  if (subscription) subscription.description = 'What a client can follow live, over WebSocket (`graphql-transport-ws` on `/graphql`); authenticated callers only.';
  answerTypeNamesAtOnce(schema);
  return schema;
}

/**
 * type-graphql wraps every interface's `resolveType` in an async function, so graphql-js completes each field of
 * an interface type (`viewer`, `node`, a key's `owner`) through a promise, and the whole response with it. Ours
 * answer a type name at once: they are given back as written, and anything else they answer (a class, a
 * promise) still goes through type-graphql's.
 */
function answerTypeNamesAtOnce(schema: GraphQLSchema): void {
  for (const metadata of getMetadataStorage().interfaceTypes) {
    const type = schema.getType(metadata.name);
    const written = metadata.resolveType as GraphQLTypeResolver<unknown, unknown> | undefined;
    if (!written || !isInterfaceType(type) || !type.resolveType) continue;
    const wrapped = type.resolveType;
    type.resolveType = (value, context, info, abstractType) => {
      const name = written(value, context, info, abstractType);
      return typeof name === 'string' || name === undefined ? name : wrapped(value, context, info, abstractType);
    };
  }
}

/**
 * The schema the server runs: audited and guarded. The types of SETTLED_BY_PARENT get their own resolvers back
 * (their rule is `allow` for every field and the audit trail wraps Mutation only, so the wrapping did nothing but
 * cost one more async layer per field: a page of keys resolves hundreds of fields). graphql-middleware builds a
 * new schema, so `schema`'s fields still hold the resolvers as written. The same for OPEN_QUERY_FIELDS.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  const guarded = applyMiddleware(schema, auditTrail, permissions);
  for (const name of SETTLED_BY_PARENT) {
    const bare = schema.getType(name);
    const served = guarded.getType(name);
    if (!isObjectType(bare) || !isObjectType(served) || bare === served) continue;
    const bareFields = bare.getFields();
    for (const [fieldName, field] of Object.entries(served.getFields())) field.resolve = bareFields[fieldName]?.resolve;
  }
  // Likewise the open root queries (`viewer`): an `allow` and no audit, so the wrapping was one async layer only.
  const bareQuery = schema.getQueryType()!.getFields();
  const servedQuery = guarded.getQueryType()!.getFields();
  for (const fieldName of OPEN_QUERY_FIELDS) servedQuery[fieldName].resolve = bareQuery[fieldName].resolve;
  return guarded;
}

/** A PubSub on a bus of its own that nobody publishes to. */
function idlePubSub(): PubSub {
  const log = createLogger('silent');
  return new NotificationStream(createClusterBus(null, log), log).pubSub;
}
