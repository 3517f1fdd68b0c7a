import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType } from '../../pagination';
import { Principal } from '../users/principal.types';
import { User } from '../users/user.types';

/** Path segments of letters, digits, `.`, `_`, `-`, separated by single `/`: `ci/deploy/prod`. */
export const FUNCTIONAL_ID_NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const NAME_RULE = 'must be path segments of letters, digits, ".", "_" or "-" separated by "/" (e.g. ci/deploy/prod)';

@ObjectType({
  implements: [Node, Principal],
  description: 'An identity for a program (CI job, service). It never logs in with a password: it authenticates only with its keys.',
})
export class FunctionalId extends Principal {
  @Field(() => String, { nullable: true, description: 'What the program is and does.' })
  description!: string | null;

  @Field(() => User, { nullable: true, description: 'The responsible user: it, its ancestors and administrators manage the keys. Null when it is not a member of the active account.' })
  owner!: User | null;

  @Field({ description: 'When the functional ID last changed.' })
  updatedAt!: Date;
}

export const FunctionalIdConnection = ConnectionType(FunctionalId, 'FunctionalId', 'functional ID');

@InputType({ description: 'A new functional ID.' })
export class CreateFunctionalIdInput {
  @Field({ description: 'Name, unique in the account; may hold `/` folders (`ci/deploy/prod`). Up to 255 characters.' })
  @Length(1, 255)
  @Matches(FUNCTIONAL_ID_NAME, { message: NAME_RULE })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the program is and does.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Responsible user (default: the viewer). Without `functionalIds.manage`, the viewer or a user below it.',
  })
  @IsOptional()
  @MaxLength(64)
  ownerId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Roles of the active account (only roles whose permissions the creator holds, unless it holds `roles.manage`).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  roleIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Groups of the active account (needs `groups.manage`).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  groupIds?: string[] | null;
}

@InputType({ description: 'Changes to a functional ID; omitted fields stay as they are.' })
export class UpdateFunctionalIdInput {
  @Field(() => ID, { description: 'Functional ID (`fid_…`).' })
  @MaxLength(64)
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name, unique in the account.' })
  @IsOptional()
  @Length(1, 255)
  @Matches(FUNCTIONAL_ID_NAME, { message: NAME_RULE })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (null clears it).' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'New responsible user. Without `functionalIds.manage`, the viewer or a user below it.' })
  @IsOptional()
  @MaxLength(64)
  ownerId?: string | null;
}
