import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { LogoutDocument, ViewerPermissionsDocument } from '../../client/generated/graphql';
import { SignInCount, doc, mutate, useSignedInQuery } from './api';
import { Bell } from './components/Bell';
import { ErrorMessage } from './components/ErrorMessage';
import { Modal } from './components/Modal';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { FunctionalIdsPage } from './pages/FunctionalIdsPage';
import { GroupsPage } from './pages/GroupsPage';
import { InvitationsPage } from './pages/InvitationsPage';
import { LoginForm } from './pages/LoginForm';
import { RolesPage } from './pages/RolesPage';
import { ServicesPage } from './pages/ServicesPage';
import { UsersPage } from './pages/UsersPage';
import { BASE, navigate, useLocation, type Location, type PageName } from './router';
import { sessionStore } from './session';

export function App() {
  const status = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  // Bumped when an ended session is renewed, so the page (kept as it was) fetches again with the new one.
  const [renewals, setRenewals] = useState(0);
  const previous = useRef(status.kind);
  useEffect(() => {
    if (status.kind === 'signedIn' && previous.current === 'expired') setRenewals((n) => n + 1);
    previous.current = status.kind;
  }, [status]);

  if (status.kind === 'signedOut') {
    return (
      <main className="login-page">
        <h1>Keywarden console</h1>
        <LoginForm />
      </main>
    );
  }
  return (
    <SignInCount.Provider value={renewals}>
      <Shell name={status.kind === 'signedIn' ? status.session.name : ''} />
      {status.kind === 'expired' && (
        <Modal title="Your session has ended" onClose={() => undefined}>
          <LoginForm intro="Log in again to go on where you were." />
        </Modal>
      )}
    </SignInCount.Provider>
  );
}

const SECTIONS: { page: PageName; label: string; needs?: string }[] = [
  { page: 'api-keys', label: 'API keys' },
  { page: 'functional-ids', label: 'Functional IDs' },
  { page: 'users', label: 'Users' },
  { page: 'groups', label: 'Groups' },
  { page: 'roles', label: 'Roles' },
  { page: 'services', label: 'Services' },
  { page: 'account', label: 'Account' },
  { page: 'invitations', label: 'Invitations' },
  { page: 'audit', label: 'Audit log', needs: 'audit.read' },
];

function CurrentPage({ location: { page, visit }, permissions }: { location: Location; permissions: string[] }) {
  if (page === 'functional-ids') return <FunctionalIdsPage permissions={permissions} />;
  if (page === 'users') return <UsersPage permissions={permissions} />;
  if (page === 'groups') return <GroupsPage permissions={permissions} />;
  if (page === 'roles') return <RolesPage permissions={permissions} />;
  if (page === 'services') return <ServicesPage permissions={permissions} />;
  if (page === 'account') return <AccountPage permissions={permissions} />;
  if (page === 'invitations') return <InvitationsPage permissions={permissions} />;
  if (page === 'audit' && permissions.includes('audit.read')) return <AuditPage />;
  // Keyed by the visit, so a link from another page (a functional ID's keys) opens with its filters.
  return <ApiKeysPage key={visit} canSeeAll={permissions.includes('apikeys.manage_all')} />;
}

function Shell({ name }: { name: string }) {
  const location = useLocation();
  const page = location.page;
  const [{ data, error }] = useSignedInQuery({ query: doc(ViewerPermissionsDocument) });
  // Kept while a session is renewed (the query is paused then), so the page stays as it was.
  const [permissions, setPermissions] = useState<string[] | null>(null);
  useEffect(() => {
    if (data) setPermissions(data.viewerPermissions);
  }, [data]);
  const logOut = async () => {
    await mutate(LogoutDocument, {});
    sessionStore.signOut();
    // Nothing of this session stays in memory either: the cached answers go with it.
    window.location.replace(`${window.location.pathname}`);
  };
  return (
    <div className="shell">
      <header className="top">
        <a className="brand" href={BASE}>Keywarden</a>
        <nav aria-label="Sections">
          {SECTIONS.filter((section) => !section.needs || permissions?.includes(section.needs)).map((section) => (
            <a
              key={section.page}
              href={`${BASE}${section.page}`}
              aria-current={page === section.page ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(section.page);
              }}
            >
              {section.label}
            </a>
          ))}
        </nav>
        <Bell />
        <span className="viewer">{name}</span>
        <button type="button" onClick={logOut}>Log out</button>
      </header>
      <main>
        {/* The page waits for the permissions, so that what it offers does not change under the pointer. */}
        {permissions ? <CurrentPage location={location} permissions={permissions} /> : <ErrorMessage error={error} />}
        {!permissions && !error && <p role="status">Loading…</p>}
      </main>
    </div>
  );
}


