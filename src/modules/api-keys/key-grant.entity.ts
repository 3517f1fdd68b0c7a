import { Entity, PrimaryColumn } from 'typeorm';
import { TimeColumn } from '../../columns';

/** A role given to a key: the key acts with it, capped by its owner's permissions. */
@Entity('api_key_roles')
export class ApiKeyRoleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'api_key_id' }) apiKeyId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'role_id' }) roleId!: string;
  @TimeColumn('created_at') createdAt!: Date;
}

/** A group given to a key: the key acts with the group's roles, capped by its owner's permissions. */
@Entity('api_key_groups')
export class ApiKeyGroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'api_key_id' }) apiKeyId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'group_id' }) groupId!: string;
  @TimeColumn('created_at') createdAt!: Date;
}
