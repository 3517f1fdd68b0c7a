/**
 * Per-request DataLoaders: one query per kind of thing per request, never
 * one per row. Made fresh for every request so nothing leaks between callers.
 */
import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { AccountEntity } from './modules/accounts/account.entity';
import { MembershipEntity } from './modules/accounts/membership.entity';
import { PrincipalEntity } from './modules/users/principal.entity';
import { RoleEntity } from './modules/roles/role.entity';
import { RoleAssignmentEntity } from './modules/roles/role-assignment.entity';
import { ApiKeyEntity } from './modules/api-keys/api-key.entity';
import { ApiKeyGroupEntity, ApiKeyRoleEntity } from './modules/api-keys/key-grant.entity';
import { ancestorIdsOfMany } from './modules/users/hierarchy';
import { principalsInAccount } from './modules/users/principal-lookup';
import { GroupEntity, GroupMemberEntity, GroupRoleEntity } from './modules/groups/group.entity';
import type { Permission } from './modules/roles/permission-catalog';
import { permissionsOfMany } from './modules/roles/permissions-of';
import { connectionOf, pageIdsPerParent, planKey, planPage, type Connection, type PagePlan, type PageRequestArgs } from './pagination';

export function byIdLoader<E extends ObjectLiteral & { id: string }>(dataSource: DataSource, entity: EntityTarget<E>): DataLoader<string, E | null> {
  return new DataLoader<string, E | null>(async (ids) => {
    const rows = await dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Groups rows by a key, in the order DataLoader asked for. */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * What each parent is linked to through a link table (a principal's roles, a
 * key's groups…): one query for the links of a batch, then the targets
 * through their by-ID loader (one more at most), in link order.
 */
function linkedLoader<L, T extends { id: string }>(
  linksOf: (parentIds: string[]) => Promise<L[]> | L[],
  parentOf: (link: L) => string,
  targetOf: (link: L) => string,
  targets: DataLoader<string, T | null>,
  keep: (target: T) => boolean = () => true,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const links = await linksOf([...parentIds]);
    const loaded = await targets.loadMany([...new Set(links.map(targetOf))]);
    const byId = new Map(loaded.filter((t): t is T => t !== null && !(t instanceof Error) && keep(t)).map((t) => [t.id, t]));
    return groupBy(parentIds, links, parentOf).map((list) => list.map((link) => byId.get(targetOf(link))).filter((t): t is T => t !== undefined));
  });
}

/** What a paged field asked for: whose list, and which page. */
export interface PageRequest extends PageRequestArgs {
  parentId: string;
}
export interface PageOfIds {
  /** In fetch order, for `connectionOf`. */
  ids: string[];
  plan: PagePlan;
}

/**
 * Pages of a list held by many parents (a user's children, a group's
 * members): every parent of a batch is served by one query per distinct
 * page plan — in practice one.
 */
function pagedIdsLoader(dataSource: DataSource, list: Parameters<typeof pageIdsPerParent>[1]) {
  return new DataLoader<PageRequest, PageOfIds | Error, string>(
    async (requests) => {
      const results = new Map<PageRequest, PageOfIds | Error>();
      const samePlan = new Map<string, { plan: PagePlan; requests: PageRequest[] }>();
      for (const request of requests) {
        try {
          const plan = planPage(request);
          const bucket = samePlan.get(planKey(plan)) ?? { plan, requests: [] };
          bucket.requests.push(request);
          samePlan.set(planKey(plan), bucket);
        } catch (error) {
          results.set(request, error as Error);
        }
      }
      for (const { plan, requests: bucket } of samePlan.values()) {
        const ids = await pageIdsPerParent(dataSource, list, [...new Set(bucket.map((r) => r.parentId))], plan);
        for (const request of bucket) results.set(request, { ids: ids.get(request.parentId) ?? [], plan });
      }
      return requests.map((request) => results.get(request)!);
    },
    { cacheKeyFn: (r) => `${r.parentId}|${r.first ?? ''}|${r.after ?? ''}|${r.last ?? ''}|${r.before ?? ''}` },
  );
}

/**
 * SQL for "the principal whose ID is in `column` belongs to the account of
 * the first parameter": a member user, or a functional ID at home there
 * (the rule of principal-lookup.ts). Takes the account ID twice.
 */
const IN_ACCOUNT = (column: string) =>
  `(EXISTS (SELECT 1 FROM account_memberships am WHERE am.user_id = ${column} AND am.account_id = ?)
    OR EXISTS (SELECT 1 FROM principals fp WHERE fp.id = ${column} AND fp.kind = 'FUNCTIONAL_ID' AND fp.account_id = ?))`;

/** Who is looking, for the loaders that stop at the account boundary. */
export interface Viewer {
  id: string;
  kind: PrincipalEntity['kind'];
  accountId: string;
}

/**
 * The loaders of one request, each made on first use: many requests load
 * nothing (`{ viewer { id } }`, a key check), and the seventeen made for
 * every request were 9 KB of an anonymous request's 54 (bench/HISTORY.md,
 * allocation). The context holds this one object, so the shallow copy Apollo
 * makes of it for each operation shares the loaders and their batches.
 */
export class Loaders {
  #principal?: DataLoader<string, PrincipalEntity | null>;
  #group?: DataLoader<string, GroupEntity | null>;
  #account?: DataLoader<string, AccountEntity | null>;
  #role?: DataLoader<string, RoleEntity | null>;
  #apiKey?: DataLoader<string, ApiKeyEntity | null>;
  #visiblePrincipal?: DataLoader<string, PrincipalEntity | null>;
  #visibleAccount?: DataLoader<string, AccountEntity | null>;
  #keyPermissions?: DataLoader<Pick<ApiKeyEntity, 'id' | 'ownerId' | 'accountId'>, Set<Permission>, string>;
  #ancestorIds?: DataLoader<string, string[]>;
  #memberOfActiveAccount?: DataLoader<string, boolean>;
  #rolesOfPrincipal?: DataLoader<string, RoleEntity[]>;
  #groupsOfPrincipal?: DataLoader<string, GroupEntity[]>;
  #rolesOfGroup?: DataLoader<string, RoleEntity[]>;
  #rolesOfApiKey?: DataLoader<string, RoleEntity[]>;
  #groupsOfApiKey?: DataLoader<string, GroupEntity[]>;
  #childrenPage?: DataLoader<PageRequest, PageOfIds | Error, string>;
  #groupMembersPage?: DataLoader<PageRequest, PageOfIds | Error, string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly activeAccountId: string | null,
    private readonly viewer: Viewer | null = null,
  ) {}

  get principal() {
    return (this.#principal ??= byIdLoader(this.dataSource, PrincipalEntity));
  }

  get group() {
    return (this.#group ??= byIdLoader(this.dataSource, GroupEntity));
  }

  get account() {
    return (this.#account ??= byIdLoader(this.dataSource, AccountEntity));
  }

  get role() {
    return (this.#role ??= byIdLoader(this.dataSource, RoleEntity));
  }

  get apiKey() {
    return (this.#apiKey ??= byIdLoader(this.dataSource, ApiKeyEntity));
  }

  /**
   * Principals as fields show them (`parent`, `ancestors`, `owner`,
   * `createdBy`, `actor`…): the viewer itself and principals of the active
   * account, null for anyone beyond the account boundary (DESIGN.md rule
   * 7). One query per batch.
   */
  get visiblePrincipal() {
    return (this.#visiblePrincipal ??= new DataLoader(async (ids) => {
      const { dataSource, activeAccountId, viewer } = this;
      const visible = activeAccountId ? await principalsInAccount(dataSource, activeAccountId, ids) : [];
      const byId = new Map(visible.map((p) => [p.id, p]));
      if (viewer && ids.includes(viewer.id) && !byId.has(viewer.id)) byId.set(viewer.id, (await this.principal.load(viewer.id))!);
      return ids.map((id) => byId.get(id) ?? null);
    }));
  }

  /**
   * Accounts as fields show them (`Principal.account`, `ApiKey.account`):
   * those the viewer is a member of (a functional ID: its home account),
   * null for any other. One query per batch.
   */
  get visibleAccount() {
    return (this.#visibleAccount ??= new DataLoader(async (ids) => {
      const viewer = this.viewer;
      let memberOf: Set<string>;
      if (!viewer) memberOf = new Set();
      else if (viewer.kind === 'FUNCTIONAL_ID') memberOf = new Set([viewer.accountId]);
      else {
        const memberships = await this.dataSource.getRepository(MembershipEntity).find({ select: { accountId: true }, where: { userId: viewer.id, accountId: In([...ids]) } });
        memberOf = new Set(memberships.map((m) => m.accountId));
      }
      const accounts = await this.account.loadMany(ids.filter((id) => memberOf.has(id)));
      const byId = new Map(accounts.filter((a): a is AccountEntity => a instanceof AccountEntity).map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    }));
  }

  /**
   * Each key's effective permissions in its own account (RoleService.permissionsOf for its owner through
   * it: `ApiKey.servicePermissions`): two statements per batch, whatever the number of keys.
   */
  get keyPermissions() {
    return (this.#keyPermissions ??= new DataLoader(
      async (keys) => {
        const byAccount = new Map<string, number[]>();
        keys.forEach((key, index) => byAccount.set(key.accountId, [...(byAccount.get(key.accountId) ?? []), index]));
        const results: Set<Permission>[] = new Array(keys.length);
        await Promise.all(
          [...byAccount].map(async ([accountId, indexes]) => {
            const held = await permissionsOfMany(this.dataSource, accountId, indexes.map((i) => ({ principalId: keys[i].ownerId, keyId: keys[i].id })));
            indexes.forEach((i, n) => (results[i] = held[n]));
          }),
        );
        return results;
      },
      // Batched, not cached: a mutation earlier in the same operation may have changed what a key holds.
      { cache: false, maxBatchSize: 500 },
    ));
  }

  /** Ancestor user IDs of each principal, nearest first: one recursive query per batch. */
  get ancestorIds() {
    return (this.#ancestorIds ??= new DataLoader(async (ids) => {
      const byId = await ancestorIdsOfMany(this.dataSource, ids);
      return ids.map((id) => byId.get(id) ?? []);
    }));
  }

  /** Whether each user is a member of the active account (home or joined). */
  get memberOfActiveAccount() {
    return (this.#memberOfActiveAccount ??= new DataLoader(async (userIds) => {
      const activeAccountId = this.activeAccountId;
      if (!activeAccountId) return userIds.map(() => false);
      const rows = await this.dataSource.getRepository(MembershipEntity).findBy({ accountId: activeAccountId, userId: In([...userIds]) });
      const members = new Set(rows.map((m) => m.userId));
      return userIds.map((id) => members.has(id));
    }));
  }

  /** A principal's directly assigned roles in the active account. */
  get rolesOfPrincipal() {
    return (this.#rolesOfPrincipal ??= linkedLoader(
      (principalIds) => (this.activeAccountId ? this.dataSource.getRepository(RoleAssignmentEntity).findBy({ principalId: In(principalIds), accountId: this.activeAccountId }) : []),
      (a) => a.principalId,
      (a) => a.roleId,
      this.role,
    ));
  }

  /** A principal's groups in the active account. */
  get groupsOfPrincipal() {
    return (this.#groupsOfPrincipal ??= linkedLoader(
      (principalIds) => (this.activeAccountId ? this.dataSource.getRepository(GroupMemberEntity).findBy({ principalId: In(principalIds) }) : []),
      (m) => m.principalId,
      (m) => m.groupId,
      this.group,
      (g) => g.accountId === this.activeAccountId,
    ));
  }

  /** The roles a group grants. */
  get rolesOfGroup() {
    return (this.#rolesOfGroup ??= linkedLoader((groupIds) => this.dataSource.getRepository(GroupRoleEntity).findBy({ groupId: In(groupIds) }), (g) => g.groupId, (g) => g.roleId, this.role));
  }

  /** The roles given to a key (its own access; none, and no groups: it acts with its owner's permissions). */
  get rolesOfApiKey() {
    return (this.#rolesOfApiKey ??= linkedLoader((keyIds) => this.dataSource.getRepository(ApiKeyRoleEntity).findBy({ apiKeyId: In(keyIds) }), (k) => k.apiKeyId, (k) => k.roleId, this.role));
  }

  /** The groups given to a key. */
  get groupsOfApiKey() {
    return (this.#groupsOfApiKey ??= linkedLoader((keyIds) => this.dataSource.getRepository(ApiKeyGroupEntity).findBy({ apiKeyId: In(keyIds) }), (k) => k.apiKeyId, (k) => k.groupId, this.group));
  }

  /** Pages of users' direct children that belong to the active account (a hierarchy may span accounts; tenants stay apart). */
  get childrenPage() {
    return (this.#childrenPage ??= pagedIdsLoader(this.dataSource, {
      table: 'principals',
      parentColumn: 'parent_id',
      idColumn: 'id',
      filter: {
        sql: "kind = 'USER' AND EXISTS (SELECT 1 FROM account_memberships m WHERE m.user_id = principals.id AND m.account_id = ?)",
        params: [this.activeAccountId],
      },
    }));
  }

  /** Pages of groups' members that belong to the active account. */
  get groupMembersPage() {
    return (this.#groupMembersPage ??= pagedIdsLoader(this.dataSource, {
      table: 'group_members',
      parentColumn: 'group_id',
      idColumn: 'principal_id',
      filter: { sql: IN_ACCOUNT('group_members.principal_id'), params: [this.activeAccountId, this.activeAccountId] },
    }));
  }
}

/** A page of principals from a paged-IDs loader, the principals themselves loaded in one batch. */
export async function loadPrincipalPage(
  loaders: Pick<Loaders, 'principal'>,
  pageLoader: DataLoader<PageRequest, PageOfIds | Error, string>,
  request: PageRequest,
  count: () => Promise<number>,
): Promise<Connection<PrincipalEntity>> {
  const page = await pageLoader.load(request);
  if (page instanceof Error) throw page;
  const rows = (await loaders.principal.loadMany(page.ids)).filter((p): p is PrincipalEntity => p instanceof PrincipalEntity);
  return connectionOf(rows, page.plan, count);
}
