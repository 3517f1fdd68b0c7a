/**
 * The per-request context: who is calling (resolved once, before execution),
 * the active account, per-request loaders, and the two helpers every service
 * uses for writes — `transaction` (which also writes the mutation's audit
 * event inside the same transaction) and `auditTarget`.
 */
import type { GraphQLError } from 'graphql';
import type { EntityManager } from 'typeorm';
import { lazyChild, type Logger } from './logger';
import { Loaders } from './loaders';
import type { Services } from './services';
import { successOf, type AuditOrigin } from './modules/audit/audit.service';
import type { AuditDetails } from './modules/audit/audit-event.entity';
import type { Identity } from './modules/auth/identity';
import type { Permission } from './modules/roles/permission-catalog';

/** The audit state of the mutation being executed (root mutation fields run one at a time). */
export interface MutationAudit {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: AuditDetails;
  /** For mutations that establish who the actor is (a successful login). */
  actor?: { actorId: string; authMethod: 'PASSWORD' | 'API_KEY' | 'ACCESS_KEY'; keyId: string | null };
  /** The account the event belongs to when it is not the active one (an anonymous leak report: the key's). */
  accountId?: string;
  /** Set once the event is written, so the mutation writes exactly one. */
  written: boolean;
}

export interface RequestState {
  /** The mutation being executed (root mutation fields run one at a time). */
  mutation: MutationAudit | null;
  /** For the access log: the operation's name, and `ok` or the first error code. */
  operationName?: string;
  outcome?: string;
}

export interface RequestContext extends AuditOrigin {
  log: Logger;
  services: Services;
  loaders: Loaders;
  /** Credentials presented and refused, or an account the caller may not act in: raised before execution. */
  requestError: GraphQLError | null;
  /**
   * What changes while the request runs. A nested object on purpose: Apollo
   * shallow-copies the context for each operation, so top-level fields set
   * during execution would not be seen by the transaction helper or the access log.
   */
  state: RequestState;
  /** The caller's effective permissions in the active account, computed once per request. */
  permissions(): Promise<ReadonlySet<Permission>>;
  /** Runs `work` in a transaction; a mutation's SUCCESS audit event is written in it before commit. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

export interface IncomingRequest {
  requestId: string;
  ip: string;
  userAgent: string | null;
  authorization: string | undefined;
  accountIdHeader: string | undefined;
}

export async function buildContext(services: Services, request: IncomingRequest): Promise<RequestContext> {
  const log = lazyChild(services.log, { requestId: request.requestId });
  const origin = { requestId: request.requestId, ip: request.ip, userAgent: request.userAgent };
  const { identity, activeAccountId, error } = await services.auth.identify(request, log);

  let permissions: Promise<ReadonlySet<Permission>> | undefined;
  const context: RequestContext = {
    ...origin,
    identity,
    activeAccountId,
    log,
    services,
    loaders: new Loaders(services.dataSource, activeAccountId, identity?.principal ?? null),
    requestError: error,
    state: { mutation: null },
    permissions: () => {
      permissions ??=
        identity && activeAccountId
          ? services.roles.permissionsOf(identity.principal.id, activeAccountId, identity.apiKey)
          : Promise.resolve(new Set<Permission>());
      return permissions;
    },
    transaction: (work) =>
      services.dataSource.transaction(async (manager) => {
        const result = await work(manager);
        const mutation = context.state.mutation;
        if (mutation && !mutation.written) {
          await services.audit.recordWith(manager, context, successOf(mutation));
          mutation.written = true;
        }
        return result;
      }),
  };
  return context;
}

/** Names what the current mutation acted on, for its audit event. Call before the transaction commits. */
export function auditTarget(ctx: RequestContext, targetType: string, targetId: string, details?: AuditDetails): void {
  const mutation = ctx.state.mutation;
  if (!mutation) return;
  mutation.targetType = targetType;
  mutation.targetId = targetId;
  if (details) mutation.details = { ...mutation.details, ...details };
}
