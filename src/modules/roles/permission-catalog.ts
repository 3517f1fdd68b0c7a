/** The permissions a role may hold (DESIGN.md "Authorization"), and the built-in roles. */
export const PERMISSIONS = [
  'self.manage',
  'users.read',
  'users.manage',
  'functionalIds.manage',
  'apikeys.manage_all',
  'roles.manage',
  'groups.manage',
  'account.manage',
  'audit.read',
  'services.manage',
  'credentials.introspect',
  'webhooks.manage',
] as const;
export type BuiltInPermission = (typeof PERMISSIONS)[number];
/** A permission of one of the account's services, `<service name>:<permission>` (`billing:invoices.read`). */
export type ServicePermissionName = `${string}:${string}`;
export type Permission = BuiltInPermission | ServicePermissionName;

export function isBuiltInPermission(value: string): value is BuiltInPermission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function isServicePermissionName(value: string): value is ServicePermissionName {
  return value.includes(':');
}

export function servicePermissionName(serviceName: string, permission: string): ServicePermissionName {
  return `${serviceName}:${permission}`;
}

export const BUILT_IN_ROLES: { name: string; description: string; permissions: BuiltInPermission[] }[] = [
  // Administrator also holds every permission of the account's services (added as services define them).
  { name: 'Administrator', description: 'Everything in the account, its services\' permissions included.', permissions: [...PERMISSIONS] },
  {
    name: 'KeyAdministrator',
    description: 'Sees and manages every API key in the account; reads users.',
    permissions: ['apikeys.manage_all', 'users.read'],
  },
  { name: 'Viewer', description: 'Reads users.', permissions: ['users.read'] },
  {
    name: 'Member',
    description: 'Self-service: one\'s own keys, functional IDs, child users, profile and password, new accounts. Given to every member.',
    permissions: ['self.manage'],
  },
];

export const ADMINISTRATOR_ROLE = 'Administrator';
export const MEMBER_ROLE = 'Member';
