import { useEffect, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { errorMessage } from '../chat/ChatContext';
import { LoginPage } from '../components/auth/LoginPage';
import { setupCodeFrom } from '../components/auth/SetupForm';
import type { CustomElementRegistry } from '../components/elements/customElements';
import { useTheme } from '../hooks/useTheme';
import { ChatApp } from './ChatApp';
import { authErrorFrom, authErrorUrl, isLoginUrl, loginUrl, returnUrlFrom } from './routes';
import type { SessionWatch } from './sessionWatch';

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; config: ParleyConfig };

interface AppProps {
  api: ParleyApi;
  client: ParleyClient;
  base: string;
  customElements: CustomElementRegistry;
  /** Reports 401s from the API and the hub; the app then checks whether it is still signed in. */
  sessionWatch?: SessionWatch;
}

/**
 * Puts the sign-in page's URL in the address bar when that is what the app shows: for a visitor
 * who is not signed in (`{base}login?returnUrl=…`, to come back afterwards) and for an OAuth
 * callback's error. Only the URL changes, without a request, so this can never loop.
 */
function settleUrl(base: string, config: ParleyConfig): void {
  const href = window.location.href;
  if (isLoginUrl(base, href)) return;
  const authError = authErrorFrom(href);
  if (authError !== null) window.history.replaceState(null, '', authErrorUrl(base, authError));
  else if (!config.auth.signedIn) window.history.replaceState(null, '', loginUrl(base, href));
}

/** Loads the app's configuration, then shows the sign-in page or the chat. */
export function App({ api, client, base, customElements, sessionWatch }: AppProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [theme] = useTheme();
  // A first-run setup link's code (`#setup=…`) is read once, then taken out of the address bar,
  // so it is not left in the history or a bookmark.
  const [setupCode] = useState(() => setupCodeFrom(window.location.hash));
  useEffect(() => {
    if (setupCode !== '') window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, [setupCode]);

  useEffect(() => {
    let cancelled = false;
    api.getConfig().then(
      (config) => {
        if (cancelled) return;
        document.title = config.appName;
        settleUrl(base, config);
        setLoad({ state: 'ready', config });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ state: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, base]);

  // A 401, or a connection that dropped, may mean the session ended (signed out elsewhere,
  // revoked, expired): ask the server. Not signed in any more: the sign-in page. Someone else
  // (a new guest): start afresh. Still the same user: nothing to do, reconnecting carries on.
  const config = load.state === 'ready' ? load.config : null;
  useEffect(() => {
    if (config === null || !config.auth.signedIn) return undefined;
    let checking = false;
    let disposed = false;
    const check = () => {
      if (checking || disposed) return;
      checking = true;
      api
        .getConfig()
        .then(
          (fresh) => {
            if (disposed) return;
            if (!fresh.auth.signedIn) {
              window.history.replaceState(null, '', loginUrl(base, window.location.href));
              setLoad({ state: 'ready', config: fresh });
            } else if (fresh.user?.identifier !== config.user?.identifier) {
              window.location.reload();
            }
          },
          () => undefined,
        )
        .finally(() => {
          checking = false;
        });
    };
    const offWatch = sessionWatch?.subscribe(check);
    const offStatus = client.onStatus((status) => {
      if (status === 'reconnecting' || status === 'disconnected') check();
    });
    return () => {
      disposed = true;
      offWatch?.();
      offStatus();
    };
  }, [api, base, client, config, sessionWatch]);

  if (load.state === 'loading') {
    return (
      <div className="parley-root splash" role="status">
        Loading…
      </div>
    );
  }
  if (load.state === 'failed') {
    return (
      <div className="parley-root splash" role="alert" data-testid="config-error">
        The chat could not load: {load.message}
      </div>
    );
  }
  const href = window.location.href;
  if (isLoginUrl(base, href) || !load.config.auth.signedIn) {
    const params = new URL(href).searchParams;
    return (
      <div className="parley-root login-root" data-theme={theme}>
        <LoginPage
          config={load.config}
          api={api}
          base={base}
          returnUrl={returnUrlFrom(base, href)}
          authError={authErrorFrom(href)}
          invite={params.get('invite')}
          setupCode={setupCode}
        />
      </div>
    );
  }
  return <ChatApp api={api} client={client} config={load.config} base={base} customElements={customElements} />;
}
