/** The permissions a role may hold (DESIGN.md "Authorization"), and the built-in roles. */
export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'functionalIds.manage',
  'apikeys.manage_all',
  'roles.manage',
  'groups.manage',
  'account.manage',
  'audit.read',
  'webhooks.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export const BUILT_IN_ROLES: { name: string; description: string; permissions: Permission[] }[] = [
  { name: 'Administrator', description: 'Everything in the account.', permissions: [...PERMISSIONS] },
  {
    name: 'KeyAdministrator',
    description: 'Sees and manages every API key in the account; reads users.',
    permissions: ['apikeys.manage_all', 'users.read'],
  },
  { name: 'Viewer', description: 'Reads users.', permissions: ['users.read'] },
];

export const ADMINISTRATOR_ROLE = 'Administrator';
