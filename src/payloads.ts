/** Payloads shared by several mutations. */
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What a delete removed — or, with `dryRun`, would remove (all checks ran, nothing was written).' })
export class DeletePayload {
  @Field(() => ID, { description: 'ID of the deleted object.' })
  deletedId!: string;

  @Field({ description: 'True when nothing was deleted because the call was a dry run.' })
  dryRun!: boolean;
}

/** `deleteX(id, dryRun)` arguments. */
@ArgsType()
export class DeleteArgs {
  @Field(() => ID, { description: 'ID of the object to delete.' })
  @MaxLength(64)
  id!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Run every check and write nothing.' })
  @IsOptional()
  dryRun!: boolean;
}
