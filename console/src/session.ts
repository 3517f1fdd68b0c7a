/**
 * The session: its token lives in memory and in sessionStorage (so a reload
 * of this tab keeps it; closing the tab ends it), never in localStorage or a
 * cookie. Nothing else is ever stored in the browser: no password, no key
 * secret.
 */
export interface Session {
  token: string;
  expiresAt: string;
  name: string;
}

const STORAGE_KEY = 'keywarden.console.session';

export type SessionStatus = { kind: 'signedOut' } | { kind: 'signedIn'; session: Session } | { kind: 'expired' };

function readStored(): SessionStatus {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return { kind: 'signedOut' };
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || typeof session.expiresAt !== 'string') return { kind: 'signedOut' };
    if (Date.parse(session.expiresAt) <= Date.now()) {
      window.sessionStorage.removeItem(STORAGE_KEY);
      return { kind: 'expired' };
    }
    return { kind: 'signedIn', session };
  } catch {
    return { kind: 'signedOut' };
  }
}

let status: SessionStatus = readStored();
const listeners = new Set<() => void>();

function publish(next: SessionStatus): void {
  status = next;
  if (next.kind === 'signedIn') window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.session));
  else window.sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get: (): SessionStatus => status,
  token: (): string | null => (status.kind === 'signedIn' ? status.session.token : null),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn: (session: Session) => publish({ kind: 'signedIn', session }),
  signOut: () => publish({ kind: 'signedOut' }),
  /** The server refused the token (expired or ended): ask for the password again, keeping the page as it is. */
  expire: () => {
    if (status.kind === 'signedIn') publish({ kind: 'expired' });
  },
};
