/** The audit action name of each mutation (`apikey.create`, `user.disable`, …). */
export const AUDIT_ACTIONS: Record<string, string> = {
  login: 'auth.login',
  authenticate: 'auth.authenticate',
  logout: 'auth.logout',
  changePassword: 'user.change_password',
  createUser: 'user.create',
  // Identities and access
  updateUser: 'user.update',
  setUserDisabled: 'user.disable', // `user.enable` when it enables (set by UserService)
  deleteUser: 'user.delete',
  createFunctionalId: 'functional_id.create',
  updateFunctionalId: 'functional_id.update',
  deleteFunctionalId: 'functional_id.delete',
  createRole: 'role.create',
  updateRole: 'role.update',
  deleteRole: 'role.delete',
  setPrincipalRoles: 'role.assign',
  createGroup: 'group.create',
  updateGroup: 'group.update',
  deleteGroup: 'group.delete',
  addGroupMembers: 'group.add_members',
  removeGroupMembers: 'group.remove_members',
  createAccount: 'account.create',
  addAccountMember: 'account.add_member',
  acceptAccountInvitation: 'account.accept_invitation',
  declineAccountInvitation: 'account.decline_invitation',
  removeAccountMember: 'account.remove_member',
  updateAccountSettings: 'account.update_settings',
  // API keys
  createApiKey: 'apikey.create',
  updateApiKey: 'apikey.update',
  setApiKeyState: 'apikey.set_state',
  setApiKeyExpiry: 'apikey.set_expiry',
  resetApiKeySecret: 'apikey.reset_secret',
  deleteApiKey: 'apikey.delete',
  lockApiKey: 'apikey.lock',
  unlockApiKey: 'apikey.unlock',
  setApiKeyAccess: 'apikey.set_access',
  reportLeakedSecret: 'apikey.report_leaked',
  // Protecting your services (the OAuth endpoints write `oauth.token` and `oauth.introspect` themselves)
  createService: 'service.create',
  updateService: 'service.update',
  deleteService: 'service.delete',
  // Webhooks
  createWebhook: 'webhook.create',
  updateWebhook: 'webhook.update',
  deleteWebhook: 'webhook.delete',
  rotateWebhookSecret: 'webhook.rotate_secret',
  redeliverWebhook: 'webhook.redeliver',
  // Notifications
  markNotificationsRead: 'notification.mark_read',
  markAllNotificationsRead: 'notification.mark_all_read',
};

export function auditActionOf(mutationName: string): string {
  return AUDIT_ACTIONS[mutationName] ?? `mutation.${mutationName}`;
}
