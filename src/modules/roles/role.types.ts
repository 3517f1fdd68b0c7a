import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../node';

@ObjectType({ implements: Node, description: 'A named set of permissions in an account. Built-in roles cannot be changed.' })
export class Role extends Node {
  @Field({ description: 'Name, unique in the account.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the role is for.' })
  description!: string | null;

  @Field(() => [String], { description: 'Permissions granted, from the catalog (`users.read`, `apikeys.manage_all`, …).' })
  permissions!: string[];

  @Field({ description: 'True for Administrator, KeyAdministrator and Viewer: read-only.' })
  builtIn!: boolean;
}
