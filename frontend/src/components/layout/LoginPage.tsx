import { type FormEvent, useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import { safeUrl } from '../../protocol/base';
import type { ParleyConfig } from '../../protocol/config';
import { errorMessage } from '../../chat/ChatContext';

interface LoginPageProps {
  config: ParleyConfig;
  api: ParleyApi;
  base: string;
  /** Where to go once signed in (a page of this app). */
  returnUrl: string;
  /** Navigates after a successful sign-in; a full page load by default, so the chat starts as the new user. */
  navigate?: (url: string) => void;
}

const FORM_MODES = ['password', 'accounts'];

/**
 * The sign-in page (`{base}login`): what the server's `auth.modes` and `auth.providers` offer.
 * It never redirects by itself, so a misconfigured server cannot cause a redirect loop; with no
 * usable mode it says so.
 */
export function LoginPage({ config, api, base, returnUrl, navigate = (url) => window.location.assign(url) }: LoginPageProps) {
  const { auth } = config;
  const hasForm = auth.modes.some((mode) => FORM_MODES.includes(mode));
  const providers = (auth.providers ?? []).flatMap((provider) => {
    const href = safeUrl(provider.startUrl, base);
    return href === null ? [] : [{ ...provider, href }];
  });
  const guest = auth.modes.includes('anonymous');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.login(username, password, returnUrl);
      navigate(returnUrl);
    } catch (error) {
      setProblem(errorMessage(error));
      setBusy(false);
    }
  };

  const user = config.user;
  return (
    <main className="login-page" data-testid="login-page" data-modes={auth.modes.join(' ')}>
      <h1>{config.appName}</h1>
      {auth.signedIn && user ? (
        <p data-testid="login-signed-in">
          You are signed in as <strong>{user.displayName || user.identifier}</strong>.{' '}
          <a href={returnUrl} data-testid="login-continue">
            Continue to the chat
          </a>
        </p>
      ) : (
        <p className="muted">Sign in to start chatting.</p>
      )}
      {hasForm && (
        <form className="login-form" data-testid="login-form" onSubmit={(event) => void onSubmit(event)}>
          <label>
            User name
            <input
              name="username"
              autoComplete="username"
              data-testid="login-username"
              required
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              data-testid="login-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
          </label>
          {problem && (
            <p className="error-text" role="alert" data-testid="login-error">
              {problem}
            </p>
          )}
          <button type="submit" className="primary-button" data-testid="login-submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
      {providers.length > 0 && (
        <>
          {hasForm && <p className="login-separator">or</p>}
          <ul className="login-providers">
            {providers.map((provider) => (
              <li key={provider.id}>
                <a className="secondary-button" href={provider.href} data-testid="login-provider" data-provider-id={provider.id}>
                  Continue with {provider.displayName}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {guest && !auth.signedIn && (
        <a href={base} data-testid="login-guest-link">
          Continue without an account
        </a>
      )}
      {!hasForm && providers.length === 0 && !guest && (
        <div className="error-text" role="alert" data-testid="login-none">
          <p>No way to sign in is enabled for this app.</p>
          <p className="muted">
            Whoever runs it needs to turn on a sign-in mode (accounts, passwords, an OAuth provider) or allow anonymous use
            in the server's Parley:Auth settings.
          </p>
        </div>
      )}
      {guest && auth.signedIn && !hasForm && providers.length === 0 && (
        <p className="muted" data-testid="login-anonymous-only">
          This app needs no account: each browser chats as its own guest.
        </p>
      )}
    </main>
  );
}
