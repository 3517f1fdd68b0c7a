import { useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { LoginDocument } from '../../../client/generated/graphql';
import { mutate } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { sessionStore } from '../session';

/** Email and password; the password lives in this form's state only until the answer arrives. */
export function LoginForm({ intro }: { intro?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const { data, error: failed } = await mutate(LoginDocument, { input: { email, password } }, { signIn: true });
    setBusy(false);
    setPassword('');
    if (failed || !data) return setError(failed);
    sessionStore.signIn({ token: data.login.token, expiresAt: data.login.expiresAt, name: data.login.principal.name });
  };
  return (
    <form onSubmit={submit} className="form login-form" aria-label="Log in">
      {intro && <p role="status">{intro}</p>}
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
      </label>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Log in</button>
      </div>
    </form>
  );
}
