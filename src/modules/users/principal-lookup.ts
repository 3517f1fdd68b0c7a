/**
 * Which principals belong to an account: a user when it is a member (its
 * home account or another it joined), a functional ID in its home account only.
 */
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { badUserInput } from '../../errors';
import { MembershipEntity } from '../accounts/membership.entity';
import { PrincipalEntity } from './principal.entity';

/** The principals of `ids` that belong to the account, in one query. */
export async function principalsInAccount(db: DataSource | EntityManager, accountId: string, ids: readonly string[]): Promise<PrincipalEntity[]> {
  const wanted = [...new Set(ids)].filter((id) => id.length <= 40);
  if (wanted.length === 0) return [];
  return db
    .getRepository(PrincipalEntity)
    .createQueryBuilder('p')
    .leftJoin(MembershipEntity, 'm', 'm.user_id = p.id AND m.account_id = :accountId', { accountId })
    .where('p.id IN (:...wanted)', { wanted })
    .andWhere(
      new Brackets((either) =>
        either.where("p.kind = 'USER' AND m.user_id IS NOT NULL").orWhere("p.kind = 'FUNCTIONAL_ID' AND p.account_id = :accountId", { accountId }),
      ),
    )
    .getMany();
}

/** Every ID must name a principal of the account; otherwise BAD_USER_INPUT naming the first unknown one. */
export async function requirePrincipalsInAccount(
  db: DataSource | EntityManager,
  accountId: string,
  ids: readonly string[],
  field: string,
): Promise<PrincipalEntity[]> {
  const found = await principalsInAccount(db, accountId, ids);
  const foundIds = new Set(found.map((p) => p.id));
  const missing = ids.find((id) => !foundIds.has(id));
  if (missing !== undefined) throw badUserInput(field, `${missing.slice(0, 40)} is not a user or functional ID of this account`);
  return found;
}
