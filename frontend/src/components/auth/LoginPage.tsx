import { useState } from 'react';
import type { ParleyApi } from '../../protocol/api';
import { type SignedInDto, isGuest } from '../../protocol/auth';
import { type ParleyConfig, registrationOf } from '../../protocol/config';
import { pageOfApp, sitePath } from '../../app/routes';
import { authErrorMessage } from './authMessages';
import { NoSignIn } from './NoSignIn';
import { ProviderButtons } from './ProviderButtons';
import { RegisterForm } from './RegisterForm';
import { SetupForm } from './SetupForm';
import { SignInForm } from './SignInForm';

interface LoginPageProps {
  config: ParleyConfig;
  api: ParleyApi;
  base: string;
  /** Where to go once signed in (a page of this app). */
  returnUrl: string;
  /** The code an OAuth callback came back with (`?auth_error=`), shown as a message. */
  authError?: string | null;
  /** An invite code from the link the user followed. */
  invite?: string | null;
  /** The code of the first-run setup link the user followed. */
  setupCode?: string | null;
  /** Navigates after a successful sign-in; a full page load by default, so the chat starts as the new user. */
  navigate?: (url: string) => void;
}

const FORM_MODES = ['password', 'accounts'];

/**
 * The sign-in page (`{base}login`): what the server's `auth.modes`, `auth.registration` and
 * `auth.providers` offer. It never redirects by itself, so a misconfigured server cannot cause a
 * redirect loop; with no usable mode it says so.
 */
export function LoginPage({ config, api, base, returnUrl, authError, invite, setupCode, navigate = (url) => window.location.assign(url) }: LoginPageProps) {
  const { auth } = config;
  const hasForm = auth.modes.some((mode) => FORM_MODES.includes(mode));
  const registration = auth.modes.includes('accounts') ? registrationOf(auth) : 'closed';
  const providers = auth.providers ?? [];
  const anonymous = auth.modes.includes('anonymous');
  // Until the first administrator exists, built-in accounts offer setup first.
  const setup = auth.setupRequired === true && auth.modes.includes('accounts');
  const [tab, setTab] = useState<'setup' | 'signin' | 'register'>(
    setup ? 'setup' : invite && registration === 'invite' ? 'register' : 'signin',
  );
  const returnPath = sitePath(returnUrl);
  const user = auth.signedIn ? config.user : null;

  // The server answers with a path it checked; it is followed only if it is a page of this app.
  const onSignedIn = (answer: SignedInDto) => navigate(pageOfApp(base, answer.returnUrl));

  return (
    <main className="login-page" data-testid="login-page" data-modes={auth.modes.join(' ')}>
      <h1>{config.appName}</h1>
      {authError && (
        <p className="login-alert" role="alert" data-testid="login-auth-error" data-code={authError}>
          {authErrorMessage(authError)}
        </p>
      )}
      {tab === 'setup' ? (
        <>
          <h2 data-testid="setup-title">First-run setup</h2>
          <SetupForm api={api} returnPath={returnPath} initialCode={setupCode ?? ''} onSignedIn={onSignedIn} />
          <button type="button" className="link-button" data-testid="setup-skip" onClick={() => setTab('signin')}>
            I have an account: sign in instead
          </button>
        </>
      ) : user ? (
        <p data-testid="login-signed-in">
          You are signed in as <strong>{user.displayName || user.identifier}</strong>.{' '}
          <a href={returnUrl} data-testid="login-continue">
            Continue to the chat
          </a>
        </p>
      ) : (
        (hasForm || providers.length > 0) && <p className="muted">Sign in to start chatting.</p>
      )}
      {tab !== 'setup' && hasForm && registration !== 'closed' && (
        <div className="login-tabs" role="group" aria-label="Sign in or create an account">
          <button type="button" aria-pressed={tab === 'signin'} data-testid="login-tab-signin" onClick={() => setTab('signin')}>
            Sign in
          </button>
          <button type="button" aria-pressed={tab === 'register'} data-testid="login-tab-register" onClick={() => setTab('register')}>
            Create account
          </button>
        </div>
      )}
      {tab !== 'setup' &&
        hasForm &&
        (tab === 'register' && registration !== 'closed' ? (
          <RegisterForm api={api} registration={registration} returnPath={returnPath} initialInvite={invite ?? ''} onSignedIn={onSignedIn} />
        ) : (
          <SignInForm api={api} returnPath={returnPath} onSignedIn={onSignedIn} />
        ))}
      {tab !== 'setup' && providers.length > 0 && (
        <>
          {hasForm && <p className="login-separator">or</p>}
          <ProviderButtons providers={providers} base={base} returnPath={returnPath} />
        </>
      )}
      {anonymous && !auth.signedIn && (
        <a href={returnUrl} data-testid="login-guest-link">
          Continue without an account
        </a>
      )}
      {!hasForm && providers.length === 0 && !anonymous && <NoSignIn modes={auth.modes} />}
      {anonymous && user && isGuest(user) && !hasForm && providers.length === 0 && (
        <p className="muted" data-testid="login-anonymous-only">
          This app needs no account: each browser chats as its own guest.
        </p>
      )}
    </main>
  );
}
