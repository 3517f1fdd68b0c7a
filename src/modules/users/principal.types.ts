import { Args, Field, InterfaceType, registerEnumType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType, PageArgs, type Connection } from '../../pagination';
import { ApiKeyConnection } from '../api-keys/api-key.types';
import type { ApiKeyEntity } from '../api-keys/api-key.entity';
import { Account, AccountInvitation } from '../accounts/account.types';
import { Group } from '../groups/group.types';
import { Role } from '../roles/role.types';
import type { PrincipalEntity } from './principal.entity';

export enum PrincipalKind {
  USER = 'USER',
  FUNCTIONAL_ID = 'FUNCTIONAL_ID',
}
registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: 'What kind of identity a principal is.',
  valuesConfig: {
    USER: { description: 'A person, who may log in with a password (unless federated).' },
    FUNCTIONAL_ID: { description: 'An identity for a program; it authenticates only with its keys.' },
  },
});

@InterfaceType({
  implements: Node,
  description: 'Someone or something that can hold keys, roles and groups: a User or a FunctionalId.',
  resolveType: (value: PrincipalEntity) => (value.kind === 'USER' ? 'User' : 'FunctionalId'),
})
export abstract class Principal extends Node {
  @Field(() => PrincipalKind, { description: 'USER or FUNCTIONAL_ID.' })
  kind!: PrincipalKind;

  @Field({ description: 'Display name (for functional IDs, a path that may hold `/` folders).' })
  name!: string;

  @Field(() => Account, { nullable: true, description: 'Home account; null unless the viewer is a member of it.' })
  account!: Account | null;

  @Field(() => [Role], { description: 'Roles held directly in the active account.' })
  roles!: Role[];

  @Field(() => [Group], { description: 'Groups of the active account the principal is a member of.' })
  groups!: Group[];

  @Field({ description: 'When the principal was created.' })
  createdAt!: Date;

  @Field(() => [AccountInvitation], {
    description: 'Pending invitations to join other accounts: the viewer\'s own only (empty for anyone else, and for functional IDs).',
  })
  invitations!: AccountInvitation[];

  // Resolved by PrincipalFieldsResolver for each principal type.
  @Field(() => ApiKeyConnection, {
    description: 'The principal\'s keys, newest first: all of them for itself and its managers, those of the active account for a key administrator, none for anyone else.',
  })
  apiKeys(@Args() _page: PageArgs): Promise<Connection<ApiKeyEntity>> {
    throw new Error('resolved by PrincipalFieldsResolver');
  }
}

export const PrincipalConnection = ConnectionType(Principal, 'Principal', 'principal');
