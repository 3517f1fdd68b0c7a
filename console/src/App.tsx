import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { LogoutDocument, ViewerPermissionsDocument } from '../../client/generated/graphql';
import { SignInCount, doc, mutate, useSignedInQuery } from './api';
import { ErrorMessage } from './components/ErrorMessage';
import { Modal } from './components/Modal';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { LoginForm } from './pages/LoginForm';
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

function Shell({ name }: { name: string }) {
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
        <a className="brand" href="/console/">Keywarden</a>
        <nav aria-label="Sections">
          <a href="/console/api-keys" aria-current="page">API keys</a>
        </nav>
        <span className="viewer">{name}</span>
        <button type="button" onClick={logOut}>Log out</button>
      </header>
      <main>
        {/* The page waits for the permissions, so that what it offers does not change under the pointer. */}
        {permissions ? <ApiKeysPage canSeeAll={permissions.includes('apikeys.manage_all')} /> : <ErrorMessage error={error} />}
        {!permissions && !error && <p role="status">Loading…</p>}
      </main>
    </div>
  );
}


