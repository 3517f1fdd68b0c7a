/** The audit action name of each mutation (`apikey.create`, `user.disable`, …). */
export const AUDIT_ACTIONS: Record<string, string> = {
  login: 'auth.login',
  authenticate: 'auth.authenticate',
  logout: 'auth.logout',
  changePassword: 'user.change_password',
  createUser: 'user.create',
  // Notifications (issue 5)
  markNotificationsRead: 'notification.mark_read',
  markAllNotificationsRead: 'notification.mark_all_read',
};

export function auditActionOf(mutationName: string): string {
  return AUDIT_ACTIONS[mutationName] ?? `mutation.${mutationName}`;
}
