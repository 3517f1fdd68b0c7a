import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType } from '../../pagination';

export const SERVICE_NAME = /^[a-z][a-z0-9-]{1,62}$/;
export const SERVICE_PERMISSION_NAME = /^[a-z][A-Za-z0-9_.-]{0,63}$/;

@ObjectType({ description: 'A permission a service defines. Roles hold it as `<service name>:<name>`; access tokens for the service carry `<name>` in `scope`.' })
export class ServicePermission {
  @Field({ description: 'Name, unique in the service (`invoices.read`).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the permission allows.' })
  description!: string | null;
}

@ObjectType({
  implements: Node,
  description: 'One of the account\'s own services (an OAuth relying party): Keywarden issues access tokens whose `aud` is its audience, carrying its permissions.',
})
export class Service extends Node {
  @Field({ description: 'Name, unique in the account (`[a-z][a-z0-9-]{1,62}`): the prefix of its permissions.' })
  name!: string;

  @Field({ description: 'The `aud` of its access tokens, unique across the installation (`https://billing.example.com`).' })
  audience!: string;

  @Field(() => String, { nullable: true, description: 'What the service is.' })
  description!: string | null;

  @Field(() => [ServicePermission], { description: 'The permissions it defines.' })
  permissions!: ServicePermission[];

  @Field({ description: 'When the service was created.' })
  createdAt!: Date;

  @Field({ description: 'When the service last changed.' })
  updatedAt!: Date;
}

export const ServiceConnection = ConnectionType(Service, 'Service', 'service');

@InputType({ description: 'A permission of a service.' })
export class ServicePermissionInput {
  @Field({ description: 'Name, unique in the service: a letter, then letters, digits, `.`, `_` or `-` (at most 64).' })
  @Matches(SERVICE_PERMISSION_NAME, { message: 'must start with a lowercase letter and hold only letters, digits, ".", "_" or "-" (at most 64)' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the permission allows.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;
}

@InputType({ description: 'A new service of the active account.' })
export class CreateServiceInput {
  @Field({ description: 'Name, unique in the account: `[a-z][a-z0-9-]{1,62}`.' })
  @Matches(SERVICE_NAME, { message: 'must match [a-z][a-z0-9-]{1,62}' })
  name!: string;

  @Field({ description: 'Audience of its tokens: an absolute URI, unique across the installation, at most 255 characters.' })
  @Length(1, 255)
  audience!: string;

  @Field(() => String, { nullable: true, description: 'What the service is.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => [ServicePermissionInput], { nullable: true, description: 'The permissions it defines (at most 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  permissions?: ServicePermissionInput[] | null;
}

@InputType({ description: 'Changes to a service; omitted fields stay as they are.' })
export class UpdateServiceInput {
  @Field(() => ID, { description: 'Service ID (`svc_…`).' })
  @MaxLength(64)
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name (refused while a custom role holds one of its permissions).' })
  @IsOptional()
  @Matches(SERVICE_NAME, { message: 'must match [a-z][a-z0-9-]{1,62}' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New audience; tokens already issued keep the old one until they expire.' })
  @IsOptional()
  @Length(1, 255)
  audience?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (null clears it).' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => [ServicePermissionInput], {
    nullable: true,
    description: 'The new full list of permissions; removing one that a custom role holds is refused (CONFLICT).',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  permissions?: ServicePermissionInput[] | null;
}
