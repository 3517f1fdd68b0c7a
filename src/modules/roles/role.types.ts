import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../node';
import { IsDisplayText } from '../users/identity-text';

@ObjectType({ implements: Node, description: 'A named set of permissions in an account. Built-in roles cannot be changed.' })
export class Role extends Node {
  @Field({ description: 'Name, unique in the account.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the role is for.' })
  description!: string | null;

  @Field(() => [String], { description: 'Permissions granted, from the catalog (`users.read`, `apikeys.manage_all`, `billing:invoices.read`, …).' })
  permissions!: string[];

  @Field({ description: 'True for Administrator, KeyAdministrator, Viewer and Member: read-only.' })
  builtIn!: boolean;
}

@InputType({ description: 'A new custom role.' })
export class CreateRoleInput {
  @Field({ description: 'Name, unique in the account, 1 to 128 characters.' })
  @Length(1, 128)
  @IsDisplayText()
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the role is for.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => [String], { description: 'Permissions from the catalog (see `permissionCatalog`); anything else is refused.' })
  @ArrayMaxSize(64)
  @MaxLength(64, { each: true })
  permissions!: string[];
}

@InputType({ description: 'Changes to a custom role; omitted fields stay as they are. Built-in roles cannot be changed.' })
export class UpdateRoleInput {
  @Field(() => ID, { description: 'Role ID (`rol_…`).' })
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

  @Field(() => [String], { nullable: true, description: 'The new full list of permissions, from the catalog.' })
  @IsOptional()
  @ArrayMaxSize(64)
  @MaxLength(64, { each: true })
  permissions?: string[] | null;
}

@InputType({ description: 'The roles a principal holds directly in the active account (replaces them all).' })
export class SetPrincipalRolesInput {
  @Field(() => ID, { description: 'User (`usr_…`) or functional ID (`fid_…`) of the active account.' })
  @MaxLength(64)
  principalId!: string;

  @Field(() => [ID], { description: 'Roles of the active account; an empty list removes every directly held role.' })
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  roleIds!: string[];
}
