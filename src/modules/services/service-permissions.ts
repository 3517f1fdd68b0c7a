/** The custom permissions an account's services define, as roles hold them (`billing:invoices.read`). */
import type { EntityManager } from 'typeorm';
import { servicePermissionName, type ServicePermissionName } from '../roles/permission-catalog';
import { ServiceEntity } from './service.entity';

export function permissionNamesOf(service: Pick<ServiceEntity, 'name' | 'permissions'>): ServicePermissionName[] {
  return service.permissions.map((permission) => servicePermissionName(service.name, permission.name));
}

export async function servicePermissionsOfAccount(manager: EntityManager, accountId: string): Promise<ServicePermissionName[]> {
  const services = await manager.find(ServiceEntity, { where: { accountId }, select: { id: true, name: true, permissions: true }, order: { name: 'ASC' } });
  return services.flatMap(permissionNamesOf);
}
