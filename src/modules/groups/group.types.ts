import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType } from '../../pagination';
import { Role } from '../roles/role.types';
import { IsDisplayText } from '../users/identity-text';

@ObjectType({ implements: Node, description: 'An access group: its members (users and functional IDs) hold its roles in its account.' })
export class Group extends Node {
  @Field({ description: 'Name, unique in the account.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the group is for.' })
  description!: string | null;

  @Field(() => [Role], { description: 'Roles every member holds through the group.' })
  roles!: Role[];

  @Field({ description: 'When the group was created.' })
  createdAt!: Date;
}

export const GroupConnection = ConnectionType(Group, 'Group', 'group');

@InputType({ description: 'A new access group.' })
export class CreateGroupInput {
  @Field({ description: 'Name, unique in the account, 1 to 128 characters.' })
  @Length(1, 128)
  @IsDisplayText()
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the group is for.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Roles of the active account that members hold through the group.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  roleIds?: string[] | null;
}

@InputType({ description: 'Changes to a group; omitted fields stay as they are.' })
export class UpdateGroupInput {
  @Field(() => ID, { description: 'Group ID (`grp_…`).' })
  @MaxLength(64)
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name, unique in the account.' })
  @IsOptional()
  @Length(1, 128)
  @IsDisplayText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (null clears it).' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The new full list of roles the group grants.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  roleIds?: string[] | null;
}

@InputType({ description: 'Principals to add to or remove from a group.' })
export class GroupMembersInput {
  @Field(() => ID, { description: 'Group ID (`grp_…`).' })
  @MaxLength(64)
  groupId!: string;

  @Field(() => [ID], { description: 'Users (`usr_…`) and functional IDs (`fid_…`) of the active account, 1 to 100.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  principalIds!: string[];
}
