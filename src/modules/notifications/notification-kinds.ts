/** What a notification is about. Each kind's description is published in the schema. */
export const NOTIFICATION_KINDS = {
  KEY_EXPIRING: 'An API key you own, created, last changed or administer reached one of its account\'s expiry notice thresholds (`expiryNoticeDays`, by default 30, 7 and 2 days before it expires).',
  KEY_EXPIRED: 'An API key you own, created, last changed or administer has expired and no longer authenticates.',
  KEY_LEAKED: 'A secret of your API key was reported as leaked; its `actionWhenLeaked` was applied.',
  KEY_SECRET_RESET: 'Someone else reset the secret of your API key.',
  KEY_LOCKED: 'Someone else locked your API key: it is read-only until unlocked.',
  KEY_UNLOCKED: 'Someone else unlocked your API key: it can be changed and deleted again.',
  KEY_DISABLED: 'Someone else set your API key INACTIVE: it no longer authenticates.',
  KEY_ENABLED: 'Someone else set your API key ACTIVE again.',
  KEY_DELETED: 'Someone else deleted your API key.',
  KEY_CREATED: 'Someone else created an API key owned by you (or by a functional ID you own).',
  KEY_EXPIRY_CHANGED: 'Someone else changed when your API key expires.',
  KEY_ACCESS_CHANGED: 'Someone else changed the roles or groups of your API key.',
  ROLES_CHANGED: 'Your roles changed: what you may do is different now.',
  ACCOUNT_INVITATION: 'You were invited to join an account: accept or decline it (`viewer.invitations`); until then it grants nothing.',
  GROUPS_CHANGED: 'You joined or left groups: what you may do may be different now.',
} as const;

export type NotificationKindValue = keyof typeof NOTIFICATION_KINDS;
