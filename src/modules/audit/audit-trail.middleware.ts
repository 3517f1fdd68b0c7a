/**
 * Writes one audit event per executed mutation: SUCCESS inside the change's
 * transaction (see `RequestContext.transaction`), or here when the mutation
 * wrote nothing transactional; DENIED or FAILED when it was refused or
 * failed — including refusals by the permission rules, which is why this
 * wraps outside graphql-shield.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddlewareFunction } from 'graphql-middleware';
import type { MutationAudit, RequestContext } from '../../context';
import { isDatabaseUnavailable } from '../../database-deadlines';
import { ERROR_CODES, type ErrorCode } from '../../errors';
import { auditReasonOf } from '../auth/auth.service';
import { auditActionOf } from './audit-actions';
import { outcomeOfError, successOf } from './audit.service';

const auditMutation: IMiddlewareFunction = async (resolve, parent, args, ctx: RequestContext, info: GraphQLResolveInfo) => {
  const mutation: MutationAudit = { action: auditActionOf(info.fieldName), written: false };
  ctx.state.mutation = mutation;
  try {
    const result = await resolve(parent, args, ctx, info);
    if (result instanceof Error) throw result; // graphql-shield returns its refusals
    if (!mutation.written) {
      await ctx.services.audit.record(ctx, successOf(mutation));
    }
    return result;
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      // The event could not be written either, and trying would hold the answer for another deadline.
      ctx.log.error({ action: mutation.action }, 'could not write audit event: the database is unavailable');
      throw error;
    }
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    const errorCode: ErrorCode = (ERROR_CODES as readonly string[]).includes(code ?? '') ? (code as ErrorCode) : 'INTERNAL_SERVER_ERROR';
    const refusal = auditReasonOf(error);
    const argId = typeof args.id === 'string' ? args.id : typeof args.input?.id === 'string' ? args.input.id : null;
    await ctx.services.audit.record(ctx, {
      action: mutation.action,
      outcome: outcomeOfError(errorCode),
      errorCode,
      targetType: mutation.targetType ?? null,
      targetId: mutation.targetId ?? argId?.slice(0, 40) ?? null,
      details: refusal ? { ...mutation.details, reason: refusal.reason } : mutation.details,
      ...(refusal ? { actorId: refusal.actorId ?? ctx.identity?.principal.id ?? null, keyId: refusal.keyId ?? ctx.identity?.apiKey?.id ?? null } : {}),
    });
    throw error;
  } finally {
    ctx.state.mutation = null;
  }
};

export const auditTrail = { Mutation: auditMutation };
