/**
 * Deleting a user or a functional ID (DESIGN.md): refused while it still has
 * child users or owns functional IDs (CONFLICT naming them), or holds a
 * locked key (KEY_LOCKED); otherwise its keys go with it. Sessions, role
 * assignments, memberships and group memberships follow by foreign key.
 */
import { In, type EntityManager } from 'typeorm';
import { assertKeepsAnAdministrator } from '../../authority';
import { auditTarget, type RequestContext } from '../../context';
import { conflict, keyLocked } from '../../errors';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { PrincipalEntity } from './principal.entity';

/** How many dependants a CONFLICT message names (the count is always given). */
const NAMED_IN_MESSAGE = 10;

async function refuseIfStillNeeded(manager: EntityManager, principal: PrincipalEntity): Promise<void> {
  const dependants = await manager.find(PrincipalEntity, {
    select: { id: true, name: true, kind: true },
    where: [
      { parentId: principal.id, kind: 'USER' },
      { ownerId: principal.id, kind: 'FUNCTIONAL_ID' },
    ],
    order: { id: 'ASC' },
  });
  if (dependants.length > 0) {
    const children = dependants.filter((p) => p.kind === 'USER');
    const functionalIds = dependants.filter((p) => p.kind === 'FUNCTIONAL_ID');
    const describe = (list: PrincipalEntity[]) =>
      list.slice(0, NAMED_IN_MESSAGE).map((p) => `${p.name} (${p.id})`).join(', ') + (list.length > NAMED_IN_MESSAGE ? ', …' : '');
    const parts = [
      children.length > 0 ? `${children.length} child user(s): ${describe(children)}` : null,
      functionalIds.length > 0 ? `${functionalIds.length} functional ID(s) it owns: ${describe(functionalIds)}` : null,
    ].filter(Boolean);
    throw conflict(`${principal.name} still has ${parts.join('; and ')}. Move or delete them first.`, {
      childIds: children.map((p) => p.id),
      functionalIdIds: functionalIds.map((p) => p.id),
    });
  }
  if (await manager.existsBy(ApiKeyEntity, { ownerId: principal.id, locked: true })) throw keyLocked();
}

export async function deletePrincipal(
  ctx: RequestContext,
  principal: PrincipalEntity,
  dryRun: boolean,
): Promise<{ deletedId: string; dryRun: boolean }> {
  const targetType = principal.kind === 'USER' ? 'User' : 'FunctionalId';
  if (dryRun) {
    await refuseIfStillNeeded(ctx.services.dataSource.manager, principal);
    return { deletedId: principal.id, dryRun };
  }
  await ctx.transaction(async (manager) => {
    await refuseIfStillNeeded(manager, principal);
    const keys = await manager.find(ApiKeyEntity, { select: { id: true }, where: { ownerId: principal.id } });
    if (keys.length > 0) await manager.delete(ApiKeyEntity, { id: In(keys.map((k) => k.id)) });
    await manager.delete(PrincipalEntity, { id: principal.id });
    if (principal.kind === 'USER') await assertKeepsAnAdministrator(manager, ctx.activeAccountId!);
    auditTarget(ctx, targetType, principal.id, { name: principal.name, deletedKeyIds: keys.map((k) => k.id) });
  });
  ctx.services.keyAuthenticator.forgetOwner(principal.id);
  return { deletedId: principal.id, dryRun };
}
