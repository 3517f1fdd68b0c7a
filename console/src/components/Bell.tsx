/**
 * The bell: the viewer's unread count and latest notifications, marked read one by one or all at once, and
 * kept live by `Subscription.notificationAdded` over graphql-ws on this server's /graphql. The socket is
 * authenticated in `connection_init` with the session token held in memory (src/session.ts), never stored
 * anywhere else; it reconnects after a drop (and reads the list again, for what it missed meanwhile). A
 * socket the server closes as Unauthorized (4401: the session ended) sends the person to log in again.
 *
 * Keyboard: the bell is a button (Enter/Space) that opens a panel; Escape closes it and returns focus to
 * the bell. New notifications are announced through a polite live region.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createClient } from 'graphql-ws';
import {
  BellNotificationsDocument,
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  type NotificationAddedSubscription,
} from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery, type Outcome } from '../api';
import { formatDate } from '../format';
import { sessionStore } from '../session';
import { ErrorMessage } from './ErrorMessage';
import './bell.css';

type Notice = NotificationAddedSubscription['notificationAdded'];

const SHOWN = 20;
/** graphql-ws close code for a credential refused or ended. */
const UNAUTHORIZED = 4401;

/** Newest first (IDs sort by creation time), each once. */
function merged(...lists: Notice[][]): Notice[] {
  const byId = new Map<string, Notice>();
  for (const list of lists) for (const notice of list) if (!byId.has(notice.id)) byId.set(notice.id, notice);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * Notifications received live since the list was last read: the live socket, reconnecting with the current
 * session's token. `onConnected` runs on each (re)connection.
 */
function useLiveNotifications(token: string | null, onConnected: () => void): { live: Notice[]; connected: boolean } {
  const [live, setLive] = useState<Notice[]>([]);
  const [connected, setConnected] = useState(false);
  const connectedRef = useRef(onConnected);
  connectedRef.current = onConnected;
  useEffect(() => {
    if (!token) return undefined;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const client = createClient({
      url: `${scheme}://${window.location.host}/graphql`,
      // Read at each (re)connection: always the session held now.
      connectionParams: () => ({ authorization: `Bearer ${sessionStore.token() ?? token}` }),
      lazy: false,
      retryAttempts: Number.POSITIVE_INFINITY,
      // A server that stops says "Service restart": come back, with backoff up to 30 s.
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** retries) * (0.5 + Math.random() / 2))),
      shouldRetry: () => true,
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          setConnected(true);
          connectedRef.current();
        },
        closed: (event) => {
          setConnected(false);
          if ((event as CloseEvent | undefined)?.code === UNAUTHORIZED) sessionStore.expire();
        },
      },
    });
    const stop = client.subscribe<NotificationAddedSubscription>(
      { query: NotificationAddedDocument.toString() },
      {
        next: (result) => {
          const notice = result.data?.notificationAdded;
          if (notice) setLive((current) => merged([notice], current).slice(0, SHOWN));
        },
        error: () => setConnected(false),
        complete: () => undefined,
      },
    );
    return () => {
      stop();
      void client.dispose();
      setConnected(false);
    };
  }, [token]);
  return { live, connected };
}

export function Bell() {
  const status = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const token = status.kind === 'signedIn' ? status.session.token : null;
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<Outcome<unknown>['error']>(undefined);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const [{ data, error }, reexecute] = useSignedInQuery({ query: doc(BellNotificationsDocument), variables: { first: SHOWN }, requestPolicy: 'network-only' });
  const reread = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const { live } = useLiveNotifications(token, reread);

  // What the list says, plus what arrived live since it was read (newer than its newest item).
  const listed = useMemo(() => data?.notifications.edges.map((edge) => edge.node) ?? [], [data]);
  const newest = listed[0]?.id ?? '';
  const fresh = useMemo(() => live.filter((notice) => notice.id > newest), [live, newest]);
  // Marked read here and not yet read back from the server (the list is read again right after).
  const [readHere, setReadHere] = useState<ReadonlySet<string> | 'all'>(new Set<string>());
  useEffect(() => setReadHere(new Set<string>()), [data]);
  const isReadHere = (id: string) => readHere === 'all' || readHere.has(id);
  const all = merged(fresh, listed);
  const items = all.slice(0, SHOWN).map((notice) => (!notice.readAt && isReadHere(notice.id) ? { ...notice, readAt: new Date().toISOString() } : notice));
  const unread =
    readHere === 'all'
      ? 0
      : Math.max(0, (data?.unread.totalCount ?? 0) + fresh.filter((n) => !n.readAt).length - all.filter((n) => !n.readAt && readHere.has(n.id)).length);

  // Announce each notification that arrives live (once).
  const announced = useRef(new Set<string>());
  useEffect(() => {
    const first = fresh.find((notice) => !announced.current.has(notice.id));
    for (const notice of fresh) announced.current.add(notice.id);
    if (first) setAnnouncement(`New notification: ${first.message}`);
  }, [fresh]);

  const markRead = async (ids: string[] | 'all') => {
    setBusy(true);
    const outcome =
      ids === 'all'
        ? await mutate(MarkAllNotificationsReadDocument, {}, { additionalTypenames: ['Notification'] })
        : await mutate(MarkNotificationsReadDocument, { ids }, { additionalTypenames: ['Notification'] });
    setBusy(false);
    setFailure(outcome.error);
    if (outcome.error) return;
    setReadHere((current) => (ids === 'all' || current === 'all' ? 'all' : new Set([...current, ...ids])));
    reread();
  };

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <div className="bell">
      <button ref={button} type="button" className="bell-button" aria-expanded={open} aria-controls={panelId} aria-label={label} onClick={() => setOpen((o) => !o)}>
        {/* Drawn, not a font glyph: the page loads no font, and not every system has an emoji one. */}
        <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
      <section id={panelId} className="bell-panel" aria-label="Notifications" hidden={!open}>
        <div className="bell-head">
          <h2>Notifications</h2>
          <button type="button" onClick={() => void markRead('all')} disabled={busy || unread === 0}>
            Mark all read
          </button>
        </div>
        <ErrorMessage error={failure ?? error} />
        {!data && !error && <p role="status">Loading…</p>}
        {data && items.length === 0 && <p>Nothing yet. Changes to your keys and access show here as they happen.</p>}
        <ul className="bell-list">
          {items.map((notice) => (
            <li key={notice.id} className={notice.readAt ? 'bell-item read' : 'bell-item unread'} data-kind={notice.kind} data-notification-id={notice.id}>
              <p className="bell-message">
                {!notice.readAt && <span className="visually-hidden">Unread: </span>}
                {notice.message}
              </p>
              <p className="bell-meta">
                <span>{notice.kind.replace(/_/g, ' ').toLowerCase()}</span> · <time dateTime={notice.createdAt}>{formatDate(notice.createdAt)}</time>
              </p>
              {!notice.readAt && (
                <button type="button" onClick={() => void markRead([notice.id])} disabled={busy} aria-label={`Mark read: ${notice.message}`}>
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
