/**
 * The account policies that gate key creation and expiry (DESIGN.md
 * "Limits"), as small functions the service calls inside its transaction.
 */
import type { EntityManager } from 'typeorm';
import { badUserInput, limitExceeded } from '../../errors';
import type { AccountEntity } from '../accounts/account.entity';
import { ADMINISTRATOR_ROLE } from '../roles/permission-catalog';
import { RoleAssignmentEntity } from '../roles/role-assignment.entity';
import { RoleEntity } from '../roles/role.entity';
import { PrincipalEntity } from '../users/principal.entity';
import { ApiKeyEntity, type CredentialTypeValue } from './api-key.entity';
import { parseCidr } from './key-validity';

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
