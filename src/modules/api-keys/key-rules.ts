/**
 * The account policies that gate key creation and expiry (DESIGN.md
 * "Limits"), as small functions the service calls inside its transaction.
 */
import type { EntityManager } from 'typeorm';
import { badUserInput, forbidden, limitExceeded } from '../../errors';
import type { AccountEntity } from '../accounts/account.entity';
import { ADMINISTRATOR_ROLE } from '../roles/permission-catalog';
import { RoleAssignmentEntity } from '../roles/role-assignment.entity';
import { RoleEntity } from '../roles/role.entity';
import { PrincipalEntity } from '../users/principal.entity';
import { ApiKeyEntity, type CredentialTypeValue, type LeakActionValue } from './api-key.entity';
import { networkAllowlist, parseCidr } from './key-validity';

const DAY_MS = 86_400_000;

/**
 * A key's expiry as asked for, checked: in the future, and within the
 * account's `maxKeyLifetimeDays` when it sets one (then "never" is refused).
 */
export function checkedExpiry(requested: Date | null, now: Date, account: AccountEntity, field: string): Date | null {
  if (requested && requested.getTime() <= now.getTime()) throw badUserInput(field, 'must be in the future');
  const maxDays = account.maxKeyLifetimeDays;
  if (maxDays !== null && maxDays !== undefined) {
    const latest = now.getTime() + maxDays * DAY_MS;
    if (!requested || requested.getTime() > latest) {
      throw badUserInput(field, `must be within the account's maxKeyLifetimeDays limit: ${maxDays} days from now`);
    }
  }
  return requested;
}

/** `allowedCidrs` as given, trimmed, each a valid IPv4/IPv6 CIDR or address. */
export function checkedCidrs(cidrs: string[] | null | undefined): string[] {
  const list = (cidrs ?? []).map((c) => c.trim());
  for (const cidr of list) if (!parseCidr(cidr)) throw badUserInput('allowedCidrs', `"${cidr}" is not an IPv4 or IPv6 CIDR`);
  return [...new Set(list)];
}

/** The owner holds the built-in Administrator role in the account (no access key limit for them). */
async function isAccountAdministrator(manager: EntityManager, principalId: string, accountId: string): Promise<boolean> {
  const count = await manager
    .createQueryBuilder(RoleAssignmentEntity, 'a')
    .innerJoin(RoleEntity, 'r', 'r.id = a.role_id')
    .where('a.principal_id = :principalId AND a.account_id = :accountId', { principalId, accountId })
    .andWhere('r.name = :name AND r.built_in = :builtIn', { name: ADMINISTRATOR_ROLE, builtIn: true })
    .getCount();
  return count > 0;
}

/**
 * Makes concurrent creates for one owner take turns, so that "count, then
 * insert" holds: on MySQL by locking the owner's principals row until commit;
 * on SQLite the write lock (src/write-lock.ts) already runs one write
 * transaction at a time, and better-sqlite3 refuses `FOR UPDATE`.
 */
export async function lockOwner(manager: EntityManager, ownerId: string): Promise<void> {
  if (manager.connection.driver.options.type !== 'mysql') return;
  await manager.createQueryBuilder(PrincipalEntity, 'p').select('p.id').setLock('pessimistic_write').where('p.id = :ownerId', { ownerId }).getOne();
}

/** Refuses a key over the account's per-principal limit for its type (LIMIT_EXCEEDED). */
export async function checkKeyLimit(manager: EntityManager, account: AccountEntity, ownerId: string, type: CredentialTypeValue): Promise<void> {
  const setting = type === 'API_KEY' ? 'maxApiKeysPerPrincipal' : 'maxAccessKeysPerPrincipal';
  if (type === 'ACCESS_KEY' && (await isAccountAdministrator(manager, ownerId, account.id))) return;
  const held = await manager.countBy(ApiKeyEntity, { ownerId, accountId: account.id, type });
  if (held >= account[setting]) {
    const what = type === 'API_KEY' ? 'API keys' : 'access keys';
    throw limitExceeded(`This principal already holds ${held} ${what} in this account; the account allows ${account[setting]} (${setting})`);
  }
}

const LEAK_ACTION_STRENGTH: Record<LeakActionValue, number> = { NONE: 0, DISABLE: 1, DELETE: 2 };

/** Every CIDR of `next` lies inside one of `current` (an empty list allows every address). */
function narrowsNetwork(current: string[], next: string[]): boolean {
  if (current.length === 0) return true;
  if (next.length === 0) return false;
  return next.every((cidr) => {
    const range = parseCidr(cidr)!;
    return current.some((outer) => {
      const parsed = parseCidr(outer)!;
      return parsed.family === range.family && parsed.prefix <= range.prefix && networkAllowlist([outer])!.check(range.address, range.family);
    });
  });
}

/**
 * Rule 6: a restricted key (or a session it opened) loosens nothing, on
 * itself or any other key: no unlocking, no re-activating, no removing or
 * extending an expiry, no widening or clearing `allowedCidrs`, no weakening
 * `actionWhenLeaked`. FORBIDDEN naming what was refused.
 */
export function refuseLoosening(key: ApiKeyEntity, changes: Partial<ApiKeyEntity>): void {
  const refused: string[] = [];
  if (changes.locked === false && key.locked) refused.push('unlock it');
  if (changes.state === 'ACTIVE' && key.state !== 'ACTIVE') refused.push('set it ACTIVE');
  if (changes.expiresAt !== undefined && key.expiresAt !== null && (changes.expiresAt === null || changes.expiresAt > key.expiresAt)) {
    refused.push('remove or extend its expiry');
  }
  if (changes.allowedCidrs && !narrowsNetwork(key.allowedCidrs, changes.allowedCidrs)) refused.push('widen or clear its allowedCidrs');
  if (changes.actionWhenLeaked && LEAK_ACTION_STRENGTH[changes.actionWhenLeaked] < LEAK_ACTION_STRENGTH[key.actionWhenLeaked]) {
    refused.push('weaken its actionWhenLeaked');
  }
  if (refused.length > 0) throw forbidden(`This request was made with a restricted key: it may not loosen a key (${refused.join(', ')})`);
}
