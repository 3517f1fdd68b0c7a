/** The audit action name of each mutation (`apikey.create`, `user.disable`, …). */
export const AUDIT_ACTIONS: Record<string, string> = {
  login: 'auth.login',
  authenticate: 'auth.authenticate',
  logout: 'auth.logout',
  changePassword: 'user.change_password',
  createUser: 'user.create',
  // API keys
  createApiKey: 'apikey.create',
  updateApiKey: 'apikey.update',
  setApiKeyState: 'apikey.set_state',
  setApiKeyExpiry: 'apikey.set_expiry',
  resetApiKeySecret: 'apikey.reset_secret',
  deleteApiKey: 'apikey.delete',
  lockApiKey: 'apikey.lock',
  unlockApiKey: 'apikey.unlock',
  reportLeakedSecret: 'apikey.report_leaked',
};

export function auditActionOf(mutationName: string): string {
  return AUDIT_ACTIONS[mutationName] ?? `mutation.${mutationName}`;
}
