import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords';
import { Principal } from '../users/principal.types';

@ObjectType({ description: 'A new session: send `Authorization: Bearer <token>` with later requests.' })
export class AuthPayload {
  @Field({ description: 'Session token (`kws_…`). Shown once; only its keyed hash is stored.' })
  token!: string;

  @Field({ description: 'When the session ends (one hour after it opened).' })
  expiresAt!: Date;

  @Field(() => Principal, { description: 'Who the session acts as.' })
  principal!: Principal;
}

@InputType({ description: 'Email and password.' })
export class LoginInput {
  @Field({ description: 'Email address (any case).' })
  @Length(1, 320)
  email!: string;

  @Field({ description: 'Password.' })
  @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;
}

@InputType({ description: 'A key to exchange for a session: either `apiKey`, or `accessKeyId` with `secretAccessKey`.' })
export class AuthenticateInput {
  @Field(() => String, { nullable: true, description: 'An API key token (`kw_…`).' })
  @IsOptional()
  @MaxLength(128)
  apiKey?: string | null;

  @Field(() => String, { nullable: true, description: 'An access key ID (`KW…`).' })
  @IsOptional()
  @MaxLength(64)
  accessKeyId?: string | null;

  @Field(() => String, { nullable: true, description: 'The secret access key that goes with `accessKeyId`.' })
  @IsOptional()
  @MaxLength(128)
  secretAccessKey?: string | null;
}

@InputType({ description: 'The current password and the new one.' })
export class ChangePasswordInput {
  @Field({ description: 'The password in use now.' })
  @Length(1, PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @Field({ description: `The new password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword!: string;
}
