/** Client-side pages under /console/ (the server answers the app for every path below it). */
import { useSyncExternalStore } from 'react';

export const PAGES = ['api-keys', 'functional-ids', 'users', 'groups', 'roles', 'services', 'account', 'invitations', 'audit'] as const;
export type PageName = (typeof PAGES)[number];
export const BASE = '/console/';

/** The page shown, and how many navigations led here: a page opened again starts from its address. */
export interface Location {
  page: PageName;
  visit: number;
}

const listeners = new Set<() => void>();

function read(visit: number): Location {
  const rest = window.location.pathname.slice(BASE.length).replace(/\/$/, '');
  return { page: (PAGES as readonly string[]).includes(rest) ? (rest as PageName) : 'api-keys', visit };
}

let location = read(0);
function moved(): void {
  location = read(location.visit + 1);
  listeners.forEach((listener) => listener());
}
window.addEventListener('popstate', moved);

export function useLocation(): Location {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => location,
  );
}

/** Opens a page; `search` carries its state (filters). */
export function navigate(page: PageName, search = ''): void {
  window.history.pushState(null, '', `${BASE}${page}${search ? `?${search}` : ''}`);
  moved();
}
