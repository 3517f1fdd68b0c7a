import { ArrayMaxSize, IsBoolean, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType } from '../../pagination';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords';
import { Principal } from './principal.types';
import { IsDisplayText, IsIdentityEmail } from './identity-text';

@ObjectType({ implements: [Node, Principal], description: 'A person. Users form a hierarchy through `parent`.' })
export class User extends Principal {
  @Field(() => String, {
    nullable: true,
    description: 'Email address (unique, case-insensitive). Null unless the viewer is the user, an ancestor, or holds `users.read`.',
  })
  email!: string | null;

  @Field({ description: 'A federated user has no password: it cannot log in, and authenticates with keys only.' })
  federated!: boolean;

  @Field({ description: 'A disabled user cannot log in, and none of its sessions or keys work.' })
  disabled!: boolean;

  @Field({ description: 'When the user last changed.' })
  updatedAt!: Date;
}

export const UserConnection = ConnectionType(User, 'User', 'user');

@InputType({ description: 'A new user.' })
export class CreateUserInput {
  @Field({ description: 'Email address, unique in the whole service (case-insensitive).' })
  @IsIdentityEmail()
  @MaxLength(320)
  email!: string;

  @Field({ description: 'Display name, 1 to 128 characters.' })
  @Length(1, 128)
  @IsDisplayText()
  name!: string;

  @Field(() => String, { nullable: true, description: `Password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; required unless federated.` })
  @IsOptional()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Parent user in the hierarchy. Default: the creator. Only holders of `users.manage` may name another parent.',
  })
  @IsOptional()
  @MaxLength(64)
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'A federated user has no password and authenticates with keys only.' })
  @IsOptional()
  @IsBoolean()
  federated?: boolean;

  @Field(() => [ID], { nullable: true, description: 'Roles of the active account to give the user (only roles whose permissions the creator holds, unless it holds `roles.manage`).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  roleIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Groups of the active account to put the user in (needs `groups.manage`).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  groupIds?: string[] | null;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'User ID (`usr_…`).' })
  @MaxLength(64)
  id!: string;

  @Field(() => String, { nullable: true, description: 'New display name (the user may change its own).' })
  @IsOptional()
  @Length(1, 128)
  @IsDisplayText()
  name?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'New parent (needs `users.manage`); null makes the user a root. A user below this one is refused (BAD_USER_INPUT): no cycles.',
  })
  @IsOptional()
  @MaxLength(64)
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True removes the password (keys only from now on); false needs `password`.' })
  @IsOptional()
  @IsBoolean()
  federated?: boolean | null;

  @Field(() => String, { nullable: true, description: `Password to set when turning \`federated\` off, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` })
  @IsOptional()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password?: string | null;
}

@InputType({ description: 'Disables or enables a user.' })
export class SetUserDisabledInput {
  @Field(() => ID, { description: 'User ID (`usr_…`).' })
  @MaxLength(64)
  id!: string;

  @Field({ description: 'True ends every session and key of the user at once; false lets its keys work again.' })
  @IsBoolean()
  disabled!: boolean;
}
